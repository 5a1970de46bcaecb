/* SPDX-License-Identifier: MIT */
/* racekit cc: compile and link C programs with racekit's checker, like
 * `go build -race`. Compiling adds the compiler's ThreadSanitizer
 * instrumentation (-fsanitize=thread -g); linking adds racekit's checker
 * runtime instead of libtsan. When one command both compiles and links,
 * the sources are compiled to objects in a temporary directory first, so
 * that -fsanitize=thread never reaches the link (it would pull in libtsan
 * with either compiler). */
#include "cc.h"
#include "cli.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one compiler argument (with its separate value, if any) is for. */
typedef enum arg_kind {
  ARG_SOURCE,  /* a file to compile */
  ARG_INPUT,   /* any other input file: object, archive, shared library */
  ARG_OUTPUT,  /* -o FILE */
  ARG_MODE,    /* -c, -S, -E, ...: no link */
  ARG_COMPILE, /* only when compiling: -I, -D, -W..., -std=, -f... */
  ARG_LINK,    /* only when linking: -l, -L, -Wl,..., -static, ... */
  ARG_BOTH,    /* both: -pthread, -m..., -O..., -flto, -fPIC, ... */
  ARG_DROP     /* racekit supplies it: -fsanitize=thread, -lracekit */
} arg_kind;

typedef struct cc_arg {
  arg_kind kind;
  char *a, *b; /* b: the separate value, or NULL */
} cc_arg;

/* Options whose value may be the next argument. */
static const char *const takes_value[] = {
    "-o", "-I", "-D", "-U", "-L", "-l", "-x", "-include", "-imacros", "-isystem",
    "-iquote", "-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot",
    "--sysroot", "-MF", "-MT", "-MQ", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-Xclang",
    "-T", "-u", "-e", "-z", "-target", "-arch", "-aux-info", "--param", "-B", NULL};

static bool in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0)
      return true;
  return false;
}

static bool starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool rk__cc_is_source(const char *arg) {
  return rk__has_suffix(arg, ".c") || rk__has_suffix(arg, ".i") || rk__has_suffix(arg, ".s") ||
         rk__has_suffix(arg, ".S");
}

static arg_kind classify(const char *a, const char *value) {
  static const char *const mode[] = {"-c", "-S", "-E", "-M", "-MM", "-fsyntax-only", NULL};
  static const char *const link_exact[] = {
      "-Xlinker", "-T", "-u", "-e", "-z", "-static", "-shared", "-rdynamic", "-nostdlib",
      "-nodefaultlibs", "-nostartfiles", "-pie", "-no-pie", "-s", "-static-pie", NULL};
  static const char *const both_exact[] = {
      "-pthread", "-fPIC", "-fpic", "-fPIE", "-fpie", "-fno-pic", "-fno-pie", "-fno-PIC",
      "-fno-PIE", "-target", "-arch", "-fno-lto", "--coverage", "-B", "--sysroot", NULL};

  if (a[0] != '-' || a[1] == '\0')
    return rk__cc_is_source(a) ? ARG_SOURCE : ARG_INPUT;
  if (starts(a, "-o"))
    return ARG_OUTPUT;
  if (in_list(a, mode))
    return ARG_MODE;
  if (strcmp(a, "-fsanitize=thread") == 0 || strcmp(a, "-lracekit") == 0 ||
      (strcmp(a, "-l") == 0 && value && strcmp(value, "racekit") == 0))
    return ARG_DROP;
  if (in_list(a, link_exact) || starts(a, "-l") || starts(a, "-L") || starts(a, "-Wl,") ||
      starts(a, "-fuse-ld=") || starts(a, "-static-"))
    return ARG_LINK;
  if (in_list(a, both_exact) || starts(a, "-m") || starts(a, "-O") || starts(a, "-flto") ||
      starts(a, "-fprofile") || starts(a, "-fsanitize") || starts(a, "-fno-sanitize") ||
      starts(a, "-fopenmp") || starts(a, "--sysroot=") || starts(a, "--target=") ||
      starts(a, "-B"))
    return ARG_BOTH;
  return ARG_COMPILE;
}

/* Splits argv into classified arguments. */
static cc_arg *parse_args(int argc, char **argv, int *nout) {
  cc_arg *v = rk__xmalloc(sizeof *v * (size_t)(argc + 1));
  int n = 0;
  for (int i = 0; i < argc; i++) {
    cc_arg *c = &v[n++];
    c->a = argv[i];
    c->b = NULL;
    if (in_list(argv[i], takes_value) && i + 1 < argc)
      c->b = argv[++i];
    c->kind = classify(c->a, c->b);
  }
  *nout = n;
  return v;
}

static void add_arg(rk__argv *out, const cc_arg *c) {
  rk__argv_add(out, c->a);
  if (c->b)
    rk__argv_add(out, c->b);
}

void rk__cc_inputs(int argc, char **argv, rk__argv *inputs) {
  int n;
  cc_arg *v = parse_args(argc, argv, &n);
  for (int i = 0; i < n; i++)
    if (v[i].kind == ARG_SOURCE || v[i].kind == ARG_INPUT)
      rk__argv_add(inputs, v[i].a);
  free(v);
}

bool rk__cc_compile_only(int argc, char **argv, const char **which) {
  int n;
  bool found = false;
  cc_arg *v = parse_args(argc, argv, &n);
  for (int i = 0; i < n && !found; i++)
    if (v[i].kind == ARG_MODE) {
      *which = v[i].a;
      found = true;
    }
  free(v);
  return found;
}

const char *rk__cc_default_compiler(void) {
  const char *e = getenv("RACEKIT_CC");
  return e && *e ? e : "clang";
}

int rk__cc_parse_own(const char *cmd, int argc, char **argv, rk__cc_opts *o, rk__argv *rest,
                     bool stop_at_dashdash, int *dashdash) {
  if (!o->compiler)
    o->compiler = rk__cc_default_compiler();
  if (dashdash)
    *dashdash = argc;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (stop_at_dashdash && strcmp(a, "--") == 0) {
      if (dashdash)
        *dashdash = i;
      break;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
      return 1;
    if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      o->verbose = true;
    } else if (starts(a, "--compiler=")) {
      o->compiler = a + strlen("--compiler=");
    } else if (strcmp(a, "--compiler") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "racekit: %s: --compiler needs a value (clang or gcc)\n", cmd);
        return 2;
      }
      o->compiler = argv[++i];
    } else {
      rk__argv_add(rest, a);
    }
  }
  if (!*o->compiler) {
    fprintf(stderr, "racekit: %s: --compiler needs a value (clang or gcc)\n", cmd);
    return 2;
  }
  return 0;
}

int rk__cc_find(const char *cmd, const char *name, char *path, size_t n) {
  const char *base = rk__basename(name);
  if (!strstr(base, "clang") && !strstr(base, "gcc")) {
    fprintf(stderr, "racekit: %s: unsupported compiler '%s' (use --compiler=clang or --compiler=gcc)\n",
            cmd, name);
    return 2;
  }
  if (rk__which(name, path, n))
    return 0;
  if (strchr(name, '/'))
    fprintf(stderr, "racekit: %s: compiler not found: %s\n", cmd, name);
  else
    fprintf(stderr, "racekit: %s: %s is not installed: apt-get install %s\n", cmd, name, base);
  return 2;
}

/* The flags every instrumented compile gets, before the user's. */
static void add_compile_flags(rk__argv *out, const cc_arg *v, int n) {
  bool has_opt = false;
  for (int i = 0; i < n; i++)
    if (starts(v[i].a, "-O"))
      has_opt = true;
  rk__argv_add(out, "-fsanitize=thread");
  rk__argv_add(out, "-g");
  if (!has_opt)
    rk__argv_add(out, "-O1");
}

/* Runs one compiler command. A link (is_link) has its messages collected
   so that a missing libdw/libelf can be named with its Debian package. */
static int run_compiler(const char *cmd, const rk__cc_opts *o, rk__argv *args, bool is_link) {
  if (o->verbose)
    rk__print_cmd(stderr, args->v);
  rk__proc p = {.argv = args->v, .capture_err = is_link};
  int st = rk__proc_run(&p);
  if (p.err.len)
    fputs(p.err.data, stderr);
  if (st < 0) {
    fprintf(stderr, "racekit: %s: cannot run %s: %s\n", cmd, args->v[0], strerror(p.exec_errno));
    st = 2;
  } else if (st != 0 && p.err.data &&
             (strstr(p.err.data, "cannot find -ldw") || strstr(p.err.data, "cannot find -lelf"))) {
    fprintf(stderr,
            "racekit: %s: the checker needs elfutils' libdw and libelf: "
            "apt-get install libdw-dev libelf-dev\n",
            cmd);
  }
  rk__proc_free(&p);
  return st;
}

int rk__cc_build(const char *cmd, const rk__cc_opts *o, int argc, char **argv) {
  char compiler[PATH_MAX];
  int st = rk__cc_find(cmd, o->compiler, compiler, sizeof compiler);
  if (st)
    return st;

  int n;
  cc_arg *v = parse_args(argc, argv, &n);
  int nsrc = 0, ninput = 0;
  bool compile_only = false, shared = false;
  for (int i = 0; i < n; i++) {
    nsrc += v[i].kind == ARG_SOURCE;
    ninput += v[i].kind == ARG_SOURCE || v[i].kind == ARG_INPUT;
    compile_only |= v[i].kind == ARG_MODE;
    shared |= strcmp(v[i].a, "-shared") == 0;
  }
  const char *inc = rk__includedir();
  rk__argv args = {0};
  char tmp[PATH_MAX] = "";

  if (ninput == 0) { /* --version, no input files, ...: the compiler answers */
    rk__argv_add(&args, compiler);
    for (int i = 0; i < n; i++)
      add_arg(&args, &v[i]);
    st = run_compiler(cmd, o, &args, false);
    goto out;
  }
  if (compile_only) {
    rk__argv_add(&args, compiler);
    add_compile_flags(&args, v, n);
    for (int i = 0; i < n; i++)
      if (v[i].kind != ARG_DROP)
        add_arg(&args, &v[i]);
    rk__argv_addf(&args, "-I%s", inc);
    st = run_compiler(cmd, o, &args, false);
    goto out;
  }

  /* Linking: the checker runtime and libracekit must exist. A shared
     library gets neither: the program that loads it brings them, once (as
     clang links no sanitizer runtime into a shared library). */
  const char *lib = rk__libdir();
  char rt[PATH_MAX + 32], rklib[PATH_MAX + 32];
  snprintf(rt, sizeof rt, "%s/libracekit_rt.a", lib);
  snprintf(rklib, sizeof rklib, "%s/libracekit.a", lib);
  const char *missing = shared ? NULL : !rk__file_exists(rt) ? rt : !rk__file_exists(rklib) ? rklib : NULL;
  if (missing) {
    fprintf(stderr, "racekit: %s: checker runtime missing: %s\n",
            cmd, missing);
    st = 2;
    goto out;
  }

  /* Compile each source to an object of the temporary directory. */
  char **objs = rk__xmalloc(sizeof *objs * (size_t)(n + 1));
  for (int i = 0; i < n; i++)
    objs[i] = NULL;
  if (nsrc > 0 && rk__tmpdir_make(tmp, sizeof tmp) != 0) {
    st = 2;
    goto out_objs;
  }
  for (int i = 0, k = 0; i < n; i++) {
    if (v[i].kind != ARG_SOURCE)
      continue;
    char obj[PATH_MAX + 64];
    char base[256];
    snprintf(base, sizeof base, "%s", rk__basename(v[i].a));
    char *dot = strrchr(base, '.');
    if (dot)
      *dot = '\0';
    snprintf(obj, sizeof obj, "%s/%d-%s.o", tmp, k++, base);
    objs[i] = rk__xstrdup(obj);
    rk__argv c = {0};
    rk__argv_add(&c, compiler);
    rk__argv_add(&c, "-c");
    add_compile_flags(&c, v, n);
    for (int j = 0; j < n; j++)
      if (v[j].kind == ARG_COMPILE || v[j].kind == ARG_BOTH)
        add_arg(&c, &v[j]);
    rk__argv_addf(&c, "-I%s", inc);
    rk__argv_add(&c, v[i].a);
    rk__argv_add(&c, "-o");
    rk__argv_add(&c, obj);
    st = run_compiler(cmd, o, &c, false);
    rk__argv_free(&c);
    if (st != 0)
      goto out_objs;
  }

  /* Link: the user's objects and options in order, then the checker. */
  rk__argv_add(&args, compiler);
  for (int i = 0; i < n; i++) {
    if (v[i].kind == ARG_SOURCE)
      rk__argv_add(&args, objs[i]);
    else if (v[i].kind == ARG_INPUT || v[i].kind == ARG_LINK || v[i].kind == ARG_BOTH ||
             v[i].kind == ARG_OUTPUT)
      add_arg(&args, &v[i]);
  }
  if (!shared) {
    rk__argv_add(&args, "-Wl,--whole-archive");
    rk__argv_add(&args, rt);
    rk__argv_add(&args, "-Wl,--no-whole-archive");
    rk__argv_add(&args, rklib);
    static const char *const libs[] = {"-ldw", "-lelf", "-lpthread", "-ldl", "-lm", NULL};
    for (int i = 0; libs[i]; i++)
      rk__argv_add(&args, libs[i]);
  }
  st = run_compiler(cmd, o, &args, true);

out_objs:
  for (int i = 0; i < n; i++)
    free(objs[i]);
  free(objs);
out:
  if (tmp[0])
    rk__rmtree(tmp);
  rk__argv_free(&args);
  free(v);
  return st;
}

int rk_cmd_cc(int argc, char **argv) {
  rk__cc_opts o = {0};
  rk__argv rest = {0};
  int st = rk__cc_parse_own("cc", argc - 1, argv + 1, &o, &rest, false, NULL);
  if (st == 1) {
    rk__help_print("cc");
    st = 0;
  } else if (st == 0) {
    if (rest.n == 0) {
      fprintf(stderr, "racekit: cc: no input files (usage: racekit cc [--compiler=clang|gcc] [-v] FILE.c... [cc args])\n");
      st = 2;
    } else {
      st = rk__cc_build("cc", &o, rest.n, rest.v);
    }
  }
  rk__argv_free(&rest);
  return st;
}
