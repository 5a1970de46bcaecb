/* SPDX-License-Identifier: MIT */
/* The demo catalogue as the `racekit demo` subcommands see it: the parsed
 * demos/manifest, one topic's files, and the subcommands' shared pieces.
 * Private to cli/. */
#ifndef RACEKIT_CLI_DEMO_H
#define RACEKIT_CLI_DEMO_H

#include "util.h"

#include <limits.h>
#include <stdbool.h>

/* ---------------------------------------------------------------- manifest */

/* One line of demos/manifest:
     topic | racy lines | title | lesson
   "racy lines" are the lines in racy.c of the two conflicting accesses. */
typedef struct rk__topic {
  char *name;
  int lines[2]; /* ascending; equal when both accesses are on one line */
  char *title;
  char *lesson;
  int lineno;   /* in the manifest */
} rk__topic;

typedef struct rk__manifest {
  char dir[PATH_MAX];  /* the demos folder */
  char path[PATH_MAX + 16]; /* its manifest file */
  rk__topic *v;
  int n;
} rk__manifest;

/* Parses manifest text; path names it in errors. Returns 0, or -1 after
   printing one line "racekit: PATH:LINE: what is wrong". */
int rk__manifest_parse(rk__manifest *m, const char *path, const char *text);
/* Reads DIR/manifest (DIR: rk__demosdir()). Returns 0, or -1 after
   printing one line. */
int rk__manifest_load(rk__manifest *m);
void rk__manifest_free(rk__manifest *m);
const rk__topic *rk__manifest_find(const rk__manifest *m, const char *name);
/* Prints one line: the unknown topic and its close matches. */
void rk__manifest_unknown(const rk__manifest *m, const char *cmd, const char *name);
/* Levenshtein distance between two strings. */
int rk__edit_distance(const char *a, const char *b);

/* ------------------------------------------------------------------- a demo */

typedef struct rk__demo {
  rk__manifest m;
  const rk__topic *t;
  char dir[PATH_MAX + 256];       /* demos/TOPIC */
  char racy[PATH_MAX + 300];      /* demos/TOPIC/racy.c */
  char fixed[PATH_MAX + 300];     /* demos/TOPIC/fixed.c */
  char expected[PATH_MAX + 300];  /* demos/TOPIC/expected.txt */
} rk__demo;

/* Loads the manifest and the topic NAME. Returns 0, or 2 after printing
   one line (bad manifest, unknown topic, missing racy.c/fixed.c). */
int rk__demo_open(rk__demo *d, const char *cmd, const char *name);
void rk__demo_close(rk__demo *d);

/* ---------------------------------------------------------- argument parsing */

enum {
  RK__DOPT_FIXED = 1 << 0,
  RK__DOPT_TIMES = 1 << 1,
  RK__DOPT_COMPILER = 1 << 2,
  RK__DOPT_COLOR = 1 << 3,
  RK__DOPT_PAUSE = 1 << 4,
  RK__DOPT_FORCE = 1 << 5,
  RK__DOPT_LONG = 1 << 6,
  RK__DOPT_VERBOSE = 1 << 7,
};

typedef struct rk__demo_args {
  const char *pos[4];
  int npos;
  bool fixed, pause, force, longfmt, verbose;
  int times;            /* 0: the subcommand's default */
  const char *compiler; /* NULL: rk__cc_default_compiler() */
  rk__color color;
} rk__demo_args;

/* Parses a subcommand's arguments (argv[0] is the subcommand). allowed is a
   mask of RK__DOPT_*; usage is the synopsis for error lines. Returns 0; 1
   after printing the manual (--help); 2 after printing an error line. */
int rk__demo_parse(const char *sub, const char *usage, int argc, char **argv, unsigned allowed,
                   int minpos, int maxpos, rk__demo_args *a);

/* -------------------------------------------------------------- subcommands */

/* Each takes the arguments after `demo` (argv[0] is the subcommand) and
   returns the exit status. */
int rk__demo_cmd_list(int argc, char **argv);
int rk__demo_cmd_show(int argc, char **argv);
int rk__demo_cmd_diff(int argc, char **argv);
int rk__demo_cmd_run(int argc, char **argv);
int rk__demo_cmd_check(int argc, char **argv);
int rk__demo_cmd_tsan(int argc, char **argv);
int rk__demo_cmd_go(int argc, char **argv);
int rk__demo_cmd_tour(int argc, char **argv);
int rk__demo_cmd_exercise(int argc, char **argv);
int rk__demo_cmd_verify(int argc, char **argv);

/* The steps the tour is made of. */
int rk__demo_show(const rk__demo *d, bool fixed, bool color);
int rk__demo_diff(const rk__demo *d, bool color);
/* Plain build (no checker), run `times` times, summary. 0 when every run
   printed expected.txt, 1 otherwise, 2 when it could not build. */
int rk__demo_run(const rk__demo *d, bool fixed, int times, const char *compiler, bool verbose,
                 bool color);
/* With racekit's checker; the program's exit status. */
int rk__demo_check(const rk__demo *d, bool fixed, const char *compiler, bool verbose);
/* With the compiler's ThreadSanitizer; the program's exit status. */
int rk__demo_tsan(const rk__demo *d, bool fixed, const char *compiler, bool verbose);

/* Seconds a demo program may run before it is stopped as deadlocked. */
enum { RK__DEMO_TIMEOUT_S = 10, RK__DEMO_CHECK_TIMEOUT_S = 30 };

/* ------------------------------------------------------------------ text diff */

/* Lines of a text (without their '\n'), pointing into a copy owned here. */
typedef struct rk__lines {
  char *text;
  char **v;
  int n;
} rk__lines;

void rk__lines_split(rk__lines *l, const char *text);
void rk__lines_free(rk__lines *l);
/* Longest common subsequence: a2b[i] is the line of b matched with line i
   of a, or -1; b2a likewise. Both arrays are allocated by the caller. */
void rk__diff_match(const rk__lines *a, const rk__lines *b, int *a2b, int *b2a);
/* A unified diff (3 lines of context) of a to b, with the given labels. */
void rk__diff_unified(FILE *f, const char *label_a, const char *label_b, const rk__lines *a,
                      const rk__lines *b, bool color);

#endif
