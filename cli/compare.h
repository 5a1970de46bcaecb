/* SPDX-License-Identifier: MIT */
/* Internals of `racekit compare`, shared by compare.c (the command),
 * compare_run.c (building and running the program under each tool),
 * compare_rklog.c (racekit's own reports) and compare_out.c (matching and
 * the table, json and markdown outputs). Private to cli/; single-threaded. */
#ifndef RACEKIT_CLI_COMPARE_H
#define RACEKIT_CLI_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tsanlog.h"

/* One side of a race: basename:line of the access and its kind. */
typedef struct rk__cmp_access {
  char *file;  /* basename, "?" when the stack is unknown */
  int line;    /* 0 when unknown */
  bool write;
  bool atomic;
} rk__cmp_access;

/* A race as the comparison sees it: an unordered pair of accesses, stored
   in canonical order (a <= b). */
typedef struct rk__cmp_race {
  rk__cmp_access a, b;
} rk__cmp_race;

/* A report that is not a data race (thread leak, heap-use-after-free...). */
typedef struct rk__cmp_other {
  char *title;
  char *where;  /* "file.c:12" or NULL */
  int count;
} rk__cmp_other;

typedef struct rk__cmp_run {
  int status;       /* exit status, or -1 when killed by a signal */
  int signal;       /* signal that ended it, or 0 */
  bool timed_out;
  bool fatal;       /* the sanitizer reported a fatal error (SEGV, CHECK, ...) */
  double wall_s;
  long max_rss_kib;
  int races;        /* distinct races in this run */
} rk__cmp_run;

typedef enum rk__cmp_state {
  RK__CMP_OK,       /* built (or log read) and compared */
  RK__CMP_SKIPPED,  /* not available: compiler or runtime missing */
  RK__CMP_FAILED    /* build failed, or its output could not be parsed */
} rk__cmp_state;

/* One column of the comparison. */
typedef struct rk__cmp_tool {
  char *name;             /* "racekit", "clang-tsan", "gcc-tsan", or a log's name */
  bool is_racekit;
  rk__cmp_state state;
  char *note;             /* why skipped or failed, or a warning; NULL */
  rk__cmp_race *races;    /* distinct races over all runs */
  int nraces;
  rk__cmp_other *others;
  int nothers;
  rk__cmp_run *runs;
  int nruns;
} rk__cmp_tool;

typedef enum rk__cmp_format { RK__FMT_TABLE, RK__FMT_JSON, RK__FMT_MARKDOWN } rk__cmp_format;

typedef struct rk__cmp {
  char *subject;          /* what was compared: file names, demo name, or logs */
  int runs_per_build;     /* 0 for --tsan-log */
  rk__cmp_tool *tools;
  int ntools;
} rk__cmp;

/* ---- compare_out.c ---- */

/* Adds a race to a tool unless it has it already (copies the strings). */
void rk__cmp_add_race(rk__cmp_tool *t, const rk__cmp_access *x, const rk__cmp_access *y);
/* Adds a non-race report, counting repeats of the same title and place. */
void rk__cmp_add_other(rk__cmp_tool *t, const char *title, const char *where);
/* Adds the races and other reports of a parsed ThreadSanitizer log; returns
   the number of distinct races in it. */
int rk__cmp_add_tsan_log(rk__cmp_tool *t, const rk_tsan_log *log);
rk__cmp_tool *rk__cmp_tool_add(rk__cmp *c, const char *name, bool is_racekit);
void rk__cmp_free(rk__cmp *c);
/* Prints the comparison. */
void rk__cmp_print(const rk__cmp *c, rk__cmp_format fmt, FILE *out);

/* ---- compare_rklog.c ---- */

/* Parses racekit's own report output: the json format (one object per
   race, see docs/REPORTS.md), the go format or the tsan format, told apart
   by content. Adds the races to t and returns their number, or -1 with a
   one-line "name:LINE: what" message in err. */
int rk__cmp_parse_racekit(rk__cmp_tool *t, const char *text, size_t len, const char *name,
                          char *err, size_t errlen);

/* ---- compare_run.c ---- */

typedef struct rk__cmp_opts {
  char **files;           /* the program's sources */
  int nfiles;
  char **compilers;       /* "clang", "gcc" */
  int ncompilers;
  int runs;
  int timeout_s;
  char **args;            /* program arguments after "--" */
  int nargs;
  bool verbose;
} rk__cmp_opts;

/* Builds and runs the program under racekit and each compiler's
   ThreadSanitizer, filling c. Returns 0, or -1 after printing why (no
   temporary directory). */
int rk__cmp_run_all(rk__cmp *c, const rk__cmp_opts *o);

#endif
