/* SPDX-License-Identifier: MIT */
/* racekit compare: racekit's checker and ThreadSanitizer side by side on the
 * same program (or on saved logs). The command line and the overall flow;
 * compare_run.c builds and runs, compare_out.c matches and prints. */
#include "cli.h"
#include "compare.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: racekit compare FILE.c... | DEMO [options] [-- program args]\n"
    "       racekit compare --tsan-log FILE... [--racekit-log FILE] [--format F]\n"
    "\n"
    "Builds the program with racekit's checker and with ThreadSanitizer under\n"
    "each compiler, runs every build, and prints one row per distinct data race\n"
    "(the unordered pair of source locations and access kinds) with one column\n"
    "per tool, then how many races all tools found, how many only racekit, how\n"
    "many only a ThreadSanitizer build, and each tool's time and memory.\n"
    "\n"
    "options:\n"
    "  --compilers LIST   ThreadSanitizer builds to make (default clang,gcc);\n"
    "                     a compiler that is not installed is skipped with a note\n"
    "  --runs N           runs per build (default 3); a race found in any run counts\n"
    "  --fixed            with a demo name: compare the demo's fixed.c\n"
    "  --format F         table (default), json (docs/COMPARE.md) or markdown\n"
    "  --timeout S        kill a run after S seconds (default 120)\n"
    "  --tsan-log FILE    compare saved ThreadSanitizer output (repeatable),\n"
    "                     no building; one column per log\n"
    "  --racekit-log FILE compare saved racekit output (json, go or tsan format)\n"
    "  -v, --verbose      print the commands run\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 when the comparison was made, 1 when no tool could build\n"
    "and run the program, 2 on bad usage or an unreadable or corrupt log.\n";

__attribute__((format(printf, 1, 2))) static int bad(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "racekit: compare: ");
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return 2;
}

/* Value of an option given as "--opt VALUE" or "--opt=VALUE". Returns NULL
   when arg is not opt; sets *missing when the value is absent. */
static const char *opt_value(const char *opt, int argc, char **argv, int *i, bool *missing) {
  const char *arg = argv[*i];
  size_t n = strlen(opt);
  if (strncmp(arg, opt, n) != 0)
    return NULL;
  if (arg[n] == '=')
    return arg + n + 1;
  if (arg[n] != '\0')
    return NULL;
  if (*i + 1 >= argc) {
    *missing = true;
    return "";
  }
  return argv[++*i];
}

static int parse_int(const char *s, int lo, int hi, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (!*s || *end || errno || v < lo || v > hi)
    return -1;
  *out = (int)v;
  return 0;
}

static bool looks_like_file(const char *s) {
  return strchr(s, '/') || rk__has_suffix(s, ".c") || rk__has_suffix(s, ".o") ||
         rk__has_suffix(s, ".a") || rk__file_exists(s);
}

/* Compares saved logs. Returns the exit status. */
static int compare_logs(char **tsan_logs, int ntsan, const char *rk_log, rk__cmp_format fmt) {
  rk__cmp c = {0};
  rk__buf subject = {0};
  char err[1024];
  int status = 0;
  /* racekit's column first, as when compare builds the program. */
  for (int i = rk_log ? -1 : 0; i < ntsan && status == 0; i++) {
    bool is_rk = i < 0;
    const char *path = is_rk ? rk_log : tsan_logs[i];
    rk__buf text = {0};
    if (rk__buf_read_file(&text, path) != 0) {
      status = bad("cannot read '%s': %s", path, strerror(errno));
      rk__buf_free(&text);
      break;
    }
    rk__buf_addf(&subject, "%s%s", subject.len ? ", " : "", path);
    rk__cmp_tool *t = rk__cmp_tool_add(&c, is_rk ? "racekit" : rk__basename(path), is_rk);
    const char *data = text.data ? text.data : "";
    if (is_rk) {
      if (rk__cmp_parse_racekit(t, data, text.len, path, err, sizeof err) < 0)
        status = bad("%s", err);
    } else {
      rk_tsan_log log;
      if (rk_tsan_parse(data, text.len, path, &log, err, sizeof err) != 0)
        status = bad("%s", err);
      else {
        rk__cmp_add_tsan_log(t, &log);
        if (log.fatal) {
          char note[600];
          snprintf(note, sizeof note, "line %d: %s", log.fatal_line, log.fatal);
          t->note = rk__xstrdup(note);
        }
      }
      rk_tsan_log_free(&log);
    }
    rk__buf_free(&text);
  }
  if (status == 0) {
    c.subject = rk__xstrdup(subject.data ? subject.data : "");
    rk__cmp_print(&c, fmt, stdout);
  }
  rk__buf_free(&subject);
  rk__cmp_free(&c);
  return status;
}

int rk_cmd_compare(int argc, char **argv) {
  rk__argv files = {0}, compilers = {0}, tsan_logs = {0};
  const char *rk_log = NULL, *demo = NULL, *compilers_arg = "clang,gcc";
  rk__cmp_format fmt = RK__FMT_TABLE;
  rk__cmp_opts o = {.runs = 3, .timeout_s = 120};
  bool fixed = false;
  int status = 2, dashdash = argc;
  char demo_path[PATH_MAX];

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    bool missing = false;
    if (strcmp(a, "--") == 0) {
      dashdash = i;
      break;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      status = 0;
      goto out;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      o.verbose = true;
    } else if (strcmp(a, "--fixed") == 0) {
      fixed = true;
    } else if ((v = opt_value("--compilers", argc, argv, &i, &missing))) {
      compilers_arg = v;
    } else if ((v = opt_value("--runs", argc, argv, &i, &missing))) {
      if (!missing && parse_int(v, 1, 1000, &o.runs) != 0) {
        bad("bad value '%s' for --runs (expected a number from 1 to 1000)", v);
        goto out;
      }
    } else if ((v = opt_value("--timeout", argc, argv, &i, &missing))) {
      if (!missing && parse_int(v, 1, 86400, &o.timeout_s) != 0) {
        bad("bad value '%s' for --timeout (expected seconds, 1 to 86400)", v);
        goto out;
      }
    } else if ((v = opt_value("--format", argc, argv, &i, &missing))) {
      if (strcmp(v, "table") == 0)
        fmt = RK__FMT_TABLE;
      else if (strcmp(v, "json") == 0)
        fmt = RK__FMT_JSON;
      else if (strcmp(v, "markdown") == 0)
        fmt = RK__FMT_MARKDOWN;
      else if (!missing) {
        bad("bad value '%s' for --format (expected table, json or markdown)", v);
        goto out;
      }
    } else if ((v = opt_value("--tsan-log", argc, argv, &i, &missing))) {
      if (!missing)
        rk__argv_add(&tsan_logs, v);
    } else if ((v = opt_value("--racekit-log", argc, argv, &i, &missing))) {
      if (rk_log && !missing) {
        bad("%s", "--racekit-log given twice");
        goto out;
      }
      rk_log = v;
    } else if (a[0] == '-' && a[1] != '\0') {
      bad("unknown option '%s' (try racekit compare --help)", a);
      goto out;
    } else if (looks_like_file(a)) {
      rk__argv_add(&files, a);
    } else if (demo) {
      bad("more than one demo name ('%s'); compare one demo at a time", a);
      goto out;
    } else {
      demo = a;
    }
    if (missing) {
      bad("option '%s' needs a value", a);
      goto out;
    }
  }

  if (tsan_logs.n > 0 || rk_log) {
    if (files.n > 0 || demo) {
      bad("%s", "give either a program (FILE.c... or a demo) or --tsan-log/--racekit-log, not both");
      goto out;
    }
    if (dashdash < argc) {
      bad("%s", "program arguments after '--' need a program, not logs");
      goto out;
    }
    status = compare_logs(tsan_logs.v, tsan_logs.n, rk_log, fmt);
    goto out;
  }
  if (files.n == 0 && !demo) {
    bad("%s", "no program given (FILE.c... or a demo name; try racekit compare --help)");
    goto out;
  }
  if (files.n > 0 && demo) {
    bad("'%s' is neither a file nor a demo to mix with files (files end in .c)", demo);
    goto out;
  }
  if (fixed && !demo) {
    bad("%s", "--fixed applies to a demo name, not to files");
    goto out;
  }
  for (int i = 0; i < files.n; i++)
    if (rk__dir_exists(files.v[i])) {
      bad("'%s' is a directory, not a source file", files.v[i]);
      goto out;
    } else if (!rk__file_exists(files.v[i])) {
      bad("no such file '%s'", files.v[i]);
      goto out;
    }
  rk__buf subject = {0};
  if (demo) {
    if (rk_demo_source(demo, fixed, demo_path, sizeof demo_path) != 0)
      goto out; /* it printed the line */
    rk__argv_add(&files, demo_path);
    rk__buf_addf(&subject, "demo %s (%s)", demo, rk__basename(demo_path));
  } else {
    for (int i = 0; i < files.n; i++)
      rk__buf_addf(&subject, "%s%s", i ? " " : "", files.v[i]);
  }

  /* --compilers: a comma-separated list of names. */
  char *list = rk__xstrdup(compilers_arg);
  for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
    if (*tok)
      rk__argv_add(&compilers, tok);
  free(list);
  if (compilers.n == 0) {
    rk__buf_free(&subject);
    bad("bad value '%s' for --compilers (expected names like clang,gcc)", compilers_arg);
    goto out;
  }

  o.files = files.v;
  o.nfiles = files.n;
  o.compilers = compilers.v;
  o.ncompilers = compilers.n;
  o.args = argv + dashdash + (dashdash < argc ? 1 : 0);
  o.nargs = dashdash < argc ? argc - dashdash - 1 : 0;

  rk__cmp c = {.subject = subject.data ? subject.data : rk__xstrdup(""), .runs_per_build = o.runs};
  if (rk__cmp_run_all(&c, &o) != 0) {
    rk__cmp_free(&c);
    status = 1;
    goto out;
  }
  rk__cmp_print(&c, fmt, stdout);
  status = 1;
  for (int i = 0; i < c.ntools; i++)
    if (c.tools[i].state == RK__CMP_OK)
      status = 0;
  if (status != 0)
    fprintf(stderr, "racekit: compare: no tool could build and run the program (see the notes)\n");
  rk__cmp_free(&c);

out:
  rk__argv_free(&files);
  rk__argv_free(&compilers);
  rk__argv_free(&tsan_logs);
  return status;
}
