/* SPDX-License-Identifier: MIT */
/* Helpers of the racekit command's tests: run build/bin/racekit (or any
 * program) with extra environment, capture what a user would see. */
#ifndef RACEKIT_TESTS_CLI_TEST_H
#define RACEKIT_TESTS_CLI_TEST_H

#include <stdbool.h>

typedef struct rkt_result {
  char *out;  /* stdout, NUL-terminated */
  char *err;  /* stderr */
  int status; /* exit status, or 128 + signal */
} rkt_result;

/* Runs argv (argv[0] looked up in PATH) in cwd (NULL: the test's), with
   env applied first: "KEY=VALUE" sets, "KEY" unsets. NO_COLOR, RACEKIT_CC,
   RACEKIT_OPTIONS, RACEKIT_LIBDIR and RACEKIT_DEMOS_DIR are always unset
   before env is applied. Stdin is /dev/null. Fails the test if it cannot
   run or takes more than 120 s. */
void rkt_run(rkt_result *r, const char *const *env, const char *cwd, const char *const *argv);
/* rkt_run of the racekit binary under test with args (NULL-terminated). */
#define RKT_RACEKIT(r, env, cwd, ...) \
  rkt_run((r), (env), (cwd), (const char *const[]){RACEKIT_EXE, __VA_ARGS__, NULL})
void rkt_result_free(rkt_result *r);

/* A fresh empty directory; freed by the caller. */
char *rkt_tmpdir(void);
/* Removes a directory tree. */
void rkt_rmtree(const char *dir);
void rkt_write(const char *path, const char *text);
/* The whole file, NUL-terminated, or NULL. */
char *rkt_read(const char *path, long *len);
bool rkt_exists(const char *path);
/* Number of entries of a directory other than . and .., or -1. */
int rkt_count_entries(const char *dir);
/* A string made with printf; freed by the caller. */
char *rkt_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Line n (1-based) of text into a new string, or NULL. */
char *rkt_line(const char *text, int n);

#endif
