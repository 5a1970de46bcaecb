/* SPDX-License-Identifier: MIT */
/* racekit run: build C files with the checker into a temporary directory,
 * run the program, remove the directory; like `go run -race`. */
#include "cc.h"
#include "cli.h"
#include "run.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rk__run_checked(const char *cmd, const rk__cc_opts *o, int ncc, char **cc_args, int nprog,
                    char **prog_args, int timeout_s) {
  if (ncc == 0) {
    fprintf(stderr, "racekit: %s: no C file given (usage: racekit run FILE.c... [-- args])\n", cmd);
    return 2;
  }
  const char *mode;
  if (rk__cc_compile_only(ncc, cc_args, &mode)) {
    fprintf(stderr, "racekit: %s: %s cannot be used with run\n", cmd, mode);
    return 2;
  }
  for (int i = 0; i < ncc; i++)
    if (strncmp(cc_args[i], "-o", 2) == 0) {
      fprintf(stderr, "racekit: %s: -o cannot be used with run (it builds into a temporary directory)\n",
              cmd);
      return 2;
    }
  rk__argv inputs = {0};
  rk__cc_inputs(ncc, cc_args, &inputs);
  const char *first_src = NULL;
  for (int i = 0; i < inputs.n; i++) {
    if (!rk__file_exists(inputs.v[i])) {
      const char *f = inputs.v[i];
      bool looks_like_file = rk__cc_is_source(f) || rk__has_suffix(f, ".o") ||
                             rk__has_suffix(f, ".a") || strstr(f, ".so") || strchr(f, '/');
      fprintf(stderr, "racekit: %s: no such file: %s%s\n", cmd, f,
              looks_like_file ? "" : " (program arguments go after --)");
      rk__argv_free(&inputs);
      return 2;
    }
    if (!first_src && rk__cc_is_source(inputs.v[i]))
      first_src = inputs.v[i];
  }
  if (!first_src) {
    fprintf(stderr, "racekit: %s: no C file given (usage: racekit run FILE.c... [-- args])\n", cmd);
    rk__argv_free(&inputs);
    return 2;
  }

  /* The program is named after the first source: counter.c -> counter. */
  char tmp[PATH_MAX], exe[PATH_MAX + 300], name[256];
  snprintf(name, sizeof name, "%s", rk__basename(first_src));
  name[strlen(name) - 2] = '\0';
  if (!name[0])
    snprintf(name, sizeof name, "a.out");
  rk__argv_free(&inputs);

  /* Check the compiler first: a missing compiler is one line, exit 2. */
  char compiler[PATH_MAX];
  int st = rk__cc_find(cmd, o->compiler, compiler, sizeof compiler);
  if (st)
    return st;
  if (rk__tmpdir_make(tmp, sizeof tmp) != 0)
    return 2;
  snprintf(exe, sizeof exe, "%s/%s", tmp, name);

  rk__argv args = {0};
  for (int i = 0; i < ncc; i++)
    rk__argv_add(&args, cc_args[i]);
  rk__argv_add(&args, "-o");
  rk__argv_add(&args, exe);
  st = rk__cc_build(cmd, o, args.n, args.v);
  rk__argv_free(&args);
  if (st != 0)
    goto out;

  rk__argv prog = {0};
  rk__argv_add(&prog, exe);
  for (int i = 0; i < nprog; i++)
    rk__argv_add(&prog, prog_args[i]);
  if (o->verbose)
    rk__print_cmd(stderr, prog.v);
  rk__proc p = {.argv = prog.v, .timeout_ms = timeout_s * 1000};
  st = rk__proc_run(&p);
  if (st < 0) {
    fprintf(stderr, "racekit: %s: cannot run %s: %s\n", cmd, exe, strerror(p.exec_errno));
    st = 2;
  } else if (p.timed_out) {
    fprintf(stderr, "racekit: %s: stopped the program after %d s (a deadlock?)\n", cmd, timeout_s);
    st = RK__EXIT_TIMEOUT;
  }
  rk__proc_free(&p);
  rk__argv_free(&prog);
out:
  rk__rmtree(tmp);
  return st;
}

int rk_cmd_run(int argc, char **argv) {
  rk__cc_opts o = {0};
  rk__argv rest = {0};
  int dashdash;
  int st = rk__cc_parse_own("run", argc - 1, argv + 1, &o, &rest, true, &dashdash);
  if (st == 1) {
    rk__help_print("run");
    st = 0;
  } else if (st == 0) {
    int after = 1 + dashdash + 1; /* index in argv of the first program argument */
    int nprog = after < argc ? argc - after : 0;
    st = rk__run_checked("run", &o, rest.n, rest.v, nprog, argv + (nprog ? after : argc), 0);
  }
  rk__argv_free(&rest);
  return st;
}
