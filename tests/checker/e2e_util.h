/* SPDX-License-Identifier: MIT */
/* Shared by the checker's end-to-end Criterion tests: run a program built
 * with racekit's runtime and capture what a user sees, and find the line of
 * an E2E marker comment in a source file. Header-only (static inline functions),
 * one copy per test binary. */
#ifndef RACEKIT_TESTS_CHECKER_E2E_UTIL_H
#define RACEKIT_TESTS_CHECKER_E2E_UTIL_H

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The whole file as a string (caller frees), or NULL if unreadable. */
static inline char *rkt_slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *s = NULL;
  size_t len = 0, cap = 0;
  int c;
  while ((c = fgetc(f)) != EOF) {
    if (len + 2 > cap)
      s = realloc(s, cap = cap ? cap * 2 : 4096);
    s[len++] = (char)c;
  }
  fclose(f);
  if (!s)
    s = calloc(1, 1);
  s[len] = 0;
  return s;
}

typedef struct rkt_run {
  int status; /* exit status, or 128 + signal */
  char *out, *err;
} rkt_run;

/* Runs prog [arg] with RACEKIT_OPTIONS=opts (unset when NULL) and NO_COLOR
   unset; captures stdout and stderr. */
static inline rkt_run rkt_run_prog(const char *prog, const char *arg, const char *opts) {
  char out[64], err[64];
  snprintf(out, sizeof out, "/tmp/rkc_e2e_out_%d", (int)getpid());
  snprintf(err, sizeof err, "/tmp/rkc_e2e_err_%d", (int)getpid());
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(o, 1);
    dup2(e, 2);
    if (opts)
      setenv("RACEKIT_OPTIONS", opts, 1);
    else
      unsetenv("RACEKIT_OPTIONS");
    unsetenv("NO_COLOR");
    execl(prog, prog, arg, (char *)NULL);
    _exit(127);
  }
  int st;
  cr_assert_eq(waitpid(pid, &st, 0), pid);
  rkt_run r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), rkt_slurp(out), rkt_slurp(err)};
  unlink(out);
  unlink(err);
  cr_assert_not_null(r.out);
  cr_assert_not_null(r.err);
  return r;
}

static inline void rkt_run_free(rkt_run *r) {
  free(r->out);
  free(r->err);
}

/* Line number of the marker comment E2E:name in the source file path. */
static inline int rkt_marker_line(const char *path, const char *name) {
  char *text = rkt_slurp(path);
  cr_assert_not_null(text, "cannot read %s", path);
  char marker[64];
  snprintf(marker, sizeof marker, "/* E2E:%s */", name);
  char *m = strstr(text, marker);
  cr_assert_not_null(m, "no marker %s in %s", marker, path);
  int line = 1;
  for (char *p = text; p < m; p++)
    line += *p == '\n';
  free(text);
  return line;
}

#endif
