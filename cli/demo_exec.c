/* SPDX-License-Identifier: MIT */
/* racekit demo run, check, tsan and go: a demo built without a checker
 * (and run several times), with racekit's checker, with the compiler's
 * ThreadSanitizer, and its Go twin under Go's detector. */
#include "cc.h"
#include "demo.h"
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Builds src into out without racekit's checker: a plain program, or one
   instrumented by the compiler's own ThreadSanitizer. Returns 0, the
   compiler's status, or 2 after printing one line. */
static int build_uninstrumented(const char *cmd, const char *compiler_name, bool tsan,
                                const char *src, const char *out, bool verbose) {
  char compiler[PATH_MAX];
  int st = rk__cc_find(cmd, compiler_name, compiler, sizeof compiler);
  if (st)
    return st;
  char lib[PATH_MAX + 32];
  snprintf(lib, sizeof lib, "%s/libracekit.a", rk__libdir());
  if (!rk__file_exists(lib)) {
    fprintf(stderr, "racekit: %s: libracekit missing: %s\n", cmd, lib);
    return 2;
  }
  rk__argv args = {0};
  rk__argv_add(&args, compiler);
  if (tsan)
    rk__argv_add(&args, "-fsanitize=thread");
  rk__argv_add(&args, "-g");
  rk__argv_add(&args, "-O1");
  rk__argv_add(&args, "-pthread");
  rk__argv_addf(&args, "-I%s", rk__includedir());
  rk__argv_add(&args, src);
  rk__argv_add(&args, "-o");
  rk__argv_add(&args, out);
  rk__argv_add(&args, lib);
  rk__argv_add(&args, "-lm");
  if (verbose)
    rk__print_cmd(stderr, args.v);
  rk__proc p = {.argv = args.v, .capture_err = true};
  st = rk__proc_run(&p);
  if (p.err.len)
    fputs(p.err.data, stderr);
  if (st < 0) {
    fprintf(stderr, "racekit: %s: cannot run %s: %s\n", cmd, compiler, strerror(p.exec_errno));
    st = 2;
  } else if (st != 0 && tsan && p.err.data &&
             (strstr(p.err.data, "tsan") || strstr(p.err.data, "libclang_rt"))) {
    fprintf(stderr, "racekit: %s: ThreadSanitizer's runtime is missing: apt-get install %s\n", cmd,
            strstr(rk__basename(compiler_name), "gcc") ? "libtsan2" : "libclang-rt-14-dev");
  }
  rk__proc_free(&p);
  rk__argv_free(&args);
  return st;
}

/* ------------------------------------------------------------------ run */

static void print_output(const char *prefix_first, const char *indent, const rk__buf *b) {
  const char *s = b->data && b->len ? b->data : "";
  if (!*s) {
    printf("%s(no output)\n", prefix_first);
    return;
  }
  bool first = true;
  while (*s) {
    const char *nl = strchr(s, '\n');
    int len = nl ? (int)(nl - s) : (int)strlen(s);
    printf("%s%.*s\n", first ? prefix_first : indent, len, s);
    first = false;
    s += len + (nl ? 1 : 0);
  }
}

int rk__demo_run(const rk__demo *d, bool fixed, int times, const char *compiler, bool verbose,
                 bool color) {
  const char *src = fixed ? d->fixed : d->racy;
  const char *file = fixed ? "fixed.c" : "racy.c";
  char tmp[PATH_MAX], exe[PATH_MAX + 32];
  if (rk__tmpdir_make(tmp, sizeof tmp) != 0)
    return 2;
  snprintf(exe, sizeof exe, "%s/%s", tmp, fixed ? "fixed" : "racy");
  int st = build_uninstrumented("demo run", compiler, false, src, exe, verbose);
  if (st != 0) {
    rk__rmtree(tmp);
    return st;
  }
  rk__buf expected = {0};
  bool have_expected = rk__buf_read_file(&expected, d->expected) == 0;

  printf("%s/%s, built without any checker (%s -O1), %d run%s:\n", d->t->name, file, compiler,
         times, times == 1 ? "" : "s");
  rk__buf *outs = rk__xmalloc(sizeof *outs * (size_t)times);
  int wrong = 0, failed = 0, distinct = 0;
  for (int r = 0; r < times; r++) {
    char *argv[] = {exe, NULL};
    rk__proc p = {.argv = argv, .capture_out = true, .capture_err = true, .stdin_null = true,
                  .timeout_ms = RK__DEMO_TIMEOUT_S * 1000};
    int rs = rk__proc_run(&p);
    outs[r] = p.out;
    p.out = (rk__buf){0};
    const char *got = outs[r].data ? outs[r].data : "";
    bool is_wrong = have_expected && (strcmp(got, expected.data ? expected.data : "") != 0);
    bool bad_exit = rs != 0;
    wrong += is_wrong || bad_exit;
    failed += bad_exit;
    bool seen = false;
    for (int q = 0; q < r; q++)
      seen |= strcmp(outs[q].data ? outs[q].data : "", got) == 0;
    distinct += !seen;

    const char *verdict = !have_expected ? "   " : is_wrong || bad_exit ? "wrong" : "ok";
    const char *vc = color ? (is_wrong || bad_exit ? RK__SGR_RED : RK__SGR_GREEN) : "";
    char prefix[64];
    snprintf(prefix, sizeof prefix, "run %-2d %s%-5s%s  ", r + 1, vc, verdict,
             color ? RK__SGR_RESET : "");
    print_output(prefix, "              ", &outs[r]);
    if (p.timed_out)
      printf("              [stopped after %d s: a deadlock?]\n", RK__DEMO_TIMEOUT_S);
    else if (rs < 0)
      printf("              [could not start: %s]\n", strerror(p.exec_errno));
    else if (p.signal)
      printf("              [killed by signal %d]\n", p.signal);
    else if (rs != 0)
      printf("              [exit status %d]\n", rs);
    if (p.err.len) {
      rk__buf e = p.err;
      print_output("     stderr: ", "             ", &e);
    }
    bool stop = p.timed_out;
    rk__proc_free(&p);
    if (stop && r + 1 < times) { /* each further run would wait as long */
      printf("(not running it again: it did not finish once already)\n");
      times = r + 1;
      break;
    }
  }

  printf("\n");
  if (times > 1) {
    if (distinct > 1)
      printf("results differ between runs: %d different outputs in %d runs\n", distinct, times);
    else
      printf("all %d runs printed the same output\n", times);
  }
  if (!have_expected)
    printf("(no %s/expected.txt: cannot tell which results are wrong)\n", d->t->name);
  else if (wrong)
    printf("wrong: %d of %d runs %s\n", wrong, times,
           failed ? "differ from the expected output or failed" : "differ from the expected output");
  else
    printf("every run printed the expected output (expected.txt)\n");
  if (have_expected && !wrong && !fixed)
    printf("(a race does not have to show in the output: that is why a checker is needed)\n");

  for (int r = 0; r < times; r++)
    rk__buf_free(&outs[r]);
  free(outs);
  rk__buf_free(&expected);
  rk__rmtree(tmp);
  return wrong || !have_expected ? 1 : 0;
}

int rk__demo_cmd_run(int argc, char **argv) {
  rk__demo_args a;
  const char *usage = "racekit demo run NAME [--fixed] [--times N] [--compiler=clang|gcc]";
  int st = rk__demo_parse("run", usage, argc, argv,
                          RK__DOPT_FIXED | RK__DOPT_TIMES | RK__DOPT_COMPILER | RK__DOPT_VERBOSE |
                              RK__DOPT_COLOR,
                          1, 1, &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo run", a.pos[0])) != 0)
    return st;
  st = rk__demo_run(&d, a.fixed, a.times ? a.times : 5,
                    a.compiler ? a.compiler : rk__cc_default_compiler(), a.verbose,
                    rk__color_on(a.color, stdout));
  rk__demo_close(&d);
  return st;
}

/* ---------------------------------------------------------------- check */

int rk__demo_check(const rk__demo *d, bool fixed, const char *compiler, bool verbose) {
  rk__cc_opts o = {.compiler = compiler, .verbose = verbose};
  char *src = (char *)(fixed ? d->fixed : d->racy);
  return rk__run_checked("demo check", &o, 1, &src, 0, NULL, RK__DEMO_CHECK_TIMEOUT_S);
}

int rk__demo_cmd_check(int argc, char **argv) {
  rk__demo_args a;
  int st = rk__demo_parse("check", "racekit demo check NAME [--fixed] [--compiler=clang|gcc] [-v]",
                          argc, argv, RK__DOPT_FIXED | RK__DOPT_COMPILER | RK__DOPT_VERBOSE, 1, 1,
                          &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo check", a.pos[0])) != 0)
    return st;
  st = rk__demo_check(&d, a.fixed, a.compiler ? a.compiler : rk__cc_default_compiler(), a.verbose);
  rk__demo_close(&d);
  return st;
}

/* ----------------------------------------------------------------- tsan */

int rk__demo_tsan(const rk__demo *d, bool fixed, const char *compiler, bool verbose) {
  char tmp[PATH_MAX], exe[PATH_MAX + 32];
  if (rk__tmpdir_make(tmp, sizeof tmp) != 0)
    return 2;
  snprintf(exe, sizeof exe, "%s/%s", tmp, fixed ? "fixed" : "racy");
  int st = build_uninstrumented("demo tsan", compiler, true, fixed ? d->fixed : d->racy, exe,
                                verbose);
  if (st == 0) {
    char *argv[] = {exe, NULL};
    if (verbose)
      rk__print_cmd(stderr, argv);
    /* ThreadSanitizer of older LLVM releases cannot map its shadow memory
       under a high ASLR entropy; no randomisation avoids that. */
    rk__proc p = {.argv = argv, .no_aslr = true, .timeout_ms = RK__DEMO_CHECK_TIMEOUT_S * 1000};
    st = rk__proc_run(&p);
    if (st < 0) {
      fprintf(stderr, "racekit: demo tsan: cannot run %s: %s\n", exe, strerror(p.exec_errno));
      st = 2;
    } else if (p.timed_out) {
      fprintf(stderr, "racekit: demo tsan: stopped the program after %d s (a deadlock?)\n",
              RK__DEMO_CHECK_TIMEOUT_S);
      st = RK__EXIT_TIMEOUT;
    }
    rk__proc_free(&p);
  }
  rk__rmtree(tmp);
  return st;
}

int rk__demo_cmd_tsan(int argc, char **argv) {
  rk__demo_args a;
  int st = rk__demo_parse("tsan", "racekit demo tsan NAME [--fixed] [--compiler clang|gcc] [-v]",
                          argc, argv, RK__DOPT_FIXED | RK__DOPT_COMPILER | RK__DOPT_VERBOSE, 1, 1,
                          &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo tsan", a.pos[0])) != 0)
    return st;
  st = rk__demo_tsan(&d, a.fixed, a.compiler ? a.compiler : rk__cc_default_compiler(), a.verbose);
  rk__demo_close(&d);
  return st;
}

/* ------------------------------------------------------------------- go */

int rk__demo_cmd_go(int argc, char **argv) {
  rk__demo_args a;
  int st = rk__demo_parse("go", "racekit demo go NAME [--fixed] [-v]", argc, argv,
                          RK__DOPT_FIXED | RK__DOPT_VERBOSE, 1, 1, &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo go", a.pos[0])) != 0)
    return st;
  char src[PATH_MAX + 400], gopath[PATH_MAX];
  snprintf(src, sizeof src, "%s/go/%s", d.dir, a.fixed ? "fixed.go" : "racy.go");
  if (!rk__file_exists(src)) {
    fprintf(stderr, "racekit: demo go: topic '%s' has no Go version (%s is missing)\n", d.t->name,
            src);
    rk__demo_close(&d);
    return 2;
  }
  if (!rk__which("go", gopath, sizeof gopath)) {
    fprintf(stderr, "racekit: demo go: go is not installed: apt-get install golang-go\n");
    rk__demo_close(&d);
    return 2;
  }
  char tmp[PATH_MAX], exe[PATH_MAX + 32], cache[PATH_MAX + 32];
  if (rk__tmpdir_make(tmp, sizeof tmp) != 0) {
    rk__demo_close(&d);
    return 2;
  }
  snprintf(exe, sizeof exe, "%s/%s", tmp, a.fixed ? "fixed" : "racy");
  /* go needs a build cache; without HOME it has none. */
  snprintf(cache, sizeof cache, "GOCACHE=%s/gocache", tmp);
  char *env[] = {cache, NULL};
  bool need_cache = !getenv("GOCACHE") && !getenv("XDG_CACHE_HOME") && !getenv("HOME");
  char *build[] = {gopath, "build", "-race", "-o", exe, src, NULL};
  if (a.verbose)
    rk__print_cmd(stderr, build);
  rk__proc b = {.argv = build, .setenv = need_cache ? env : NULL};
  st = rk__proc_run(&b);
  rk__proc_free(&b);
  if (st == 0) {
    char *run[] = {exe, NULL};
    if (a.verbose)
      rk__print_cmd(stderr, run);
    rk__proc p = {.argv = run, .timeout_ms = RK__DEMO_CHECK_TIMEOUT_S * 1000};
    st = rk__proc_run(&p);
    if (p.timed_out) {
      fprintf(stderr, "racekit: demo go: stopped the program after %d s (a deadlock?)\n",
              RK__DEMO_CHECK_TIMEOUT_S);
      st = RK__EXIT_TIMEOUT;
    }
    rk__proc_free(&p);
  } else if (st < 0) {
    fprintf(stderr, "racekit: demo go: cannot run %s: %s\n", gopath, strerror(b.exec_errno));
    st = 2;
  }
  rk__rmtree(tmp);
  rk__demo_close(&d);
  return st;
}
