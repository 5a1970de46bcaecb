/* SPDX-License-Identifier: MIT */
/* Helpers shared by the racekit subcommands: growable strings and argument
 * vectors, where racekit's files are, child processes, temporary
 * directories, colour. Private to cli/. The CLI is single-threaded: nothing
 * here is shared between threads. */
#ifndef RACEKIT_CLI_UTIL_H
#define RACEKIT_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ---------------------------------------------------------------- strings */

/* A growable byte buffer, always NUL-terminated when data != NULL. */
typedef struct rk__buf {
  char *data;
  size_t len, cap;
} rk__buf;

void rk__buf_add(rk__buf *b, const void *p, size_t n);
void rk__buf_addf(rk__buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rk__buf_free(rk__buf *b);
/* Reads a whole file into b. Returns 0, or -1 with errno set. */
int rk__buf_read_file(rk__buf *b, const char *path);

/* A NULL-terminated argument vector owning copies of its strings. */
typedef struct rk__argv {
  char **v;
  int n, cap;
} rk__argv;

void rk__argv_add(rk__argv *a, const char *s);
void rk__argv_addf(rk__argv *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rk__argv_free(rk__argv *a);

/* malloc/strdup that print and exit(2) when memory runs out. */
void *rk__xmalloc(size_t n);
char *rk__xstrdup(const char *s);

bool rk__has_suffix(const char *s, const char *suffix);
/* The last path component of path (a pointer into path). */
const char *rk__basename(const char *path);
bool rk__file_exists(const char *path);
bool rk__dir_exists(const char *path);

/* ------------------------------------------------------------------ paths */

/* Where racekit's files are. In the build tree (build/bin/racekit) the
   libraries are in build/lib and the headers and demos in the source tree;
   when installed (prefix/bin/racekit) in prefix/lib, prefix/include and
   prefix/share/racekit/demos. RACEKIT_LIBDIR, RACEKIT_INCLUDEDIR and
   RACEKIT_DEMOS_DIR in the environment override each. The strings are
   computed once and live until exit. */
const char *rk__libdir(void);
const char *rk__includedir(void);
const char *rk__demosdir(void);

/* -------------------------------------------------------------- processes */

typedef struct rk__proc {
  /* in */
  char *const *argv;       /* argv[0] is looked up in PATH */
  const char *cwd;         /* NULL: racekit's */
  char *const *setenv;     /* NULL or NULL-terminated "KEY=VALUE" to set */
  int timeout_ms;          /* 0: wait for ever; else SIGKILL after it */
  bool capture_out;        /* collect stdout into out, else inherit */
  bool capture_err;        /* collect stderr into err, else inherit */
  bool stdin_null;         /* stdin from /dev/null, else inherit */
  bool no_aslr;            /* personality(ADDR_NO_RANDOMIZE) (ThreadSanitizer) */
  /* out */
  rk__buf out, err;
  int status;              /* exit status, or 128 + signal number */
  int signal;              /* the signal that ended it, or 0 */
  bool timed_out;
  int exec_errno;          /* errno of a failed exec (ENOENT: not installed) */
} rk__proc;

/* Runs p->argv and waits for it. While waiting, racekit ignores SIGINT and
   SIGQUIT (the child gets them from the terminal) so it can clean up.
   Flushes stdout and stderr first. Returns p->status, or -1 when the
   program could not be started (p->exec_errno says why; nothing printed). */
int rk__proc_run(rk__proc *p);
void rk__proc_free(rk__proc *p);

/* Prints argv as a shell command line (quoted where needed) and a newline. */
void rk__print_cmd(FILE *f, char *const *argv);

/* Full path of an executable found in PATH (or name itself when it contains
   a '/'), into buf. Returns false when there is none. */
bool rk__which(const char *name, char *buf, size_t n);

/* Makes a fresh private directory $TMPDIR/racekit-XXXXXX into buf.
   Returns 0, or -1 after printing why. */
int rk__tmpdir_make(char *buf, size_t n);
/* Removes a directory tree (never follows symbolic links). */
void rk__rmtree(const char *path);

/* -------------------------------------------------------------------- help */

/* Prints the manual text of a command to stdout: "racekit", "cc", "run",
   "demo", "demo list", "demo show", ... Unknown names print nothing and
   return false. */
bool rk__help_print(const char *topic);
/* Whether arg is -h or --help. */
bool rk__is_help(const char *arg);

/* ------------------------------------------------------------------ colour */

typedef enum rk__color { RK__COLOR_AUTO, RK__COLOR_ALWAYS, RK__COLOR_NEVER } rk__color;

/* Parses "auto", "always" or "never". Returns 0, or -1. */
int rk__color_parse(const char *s, rk__color *out);
/* Whether to colour output to f: always, never, or (auto) when f is a
   terminal and NO_COLOR is unset or empty. */
bool rk__color_on(rk__color mode, FILE *f);

#define RK__SGR_RESET "\033[0m"
#define RK__SGR_BOLD "\033[1m"
#define RK__SGR_RED "\033[31m"
#define RK__SGR_GREEN "\033[32m"
#define RK__SGR_YELLOW "\033[33m"
#define RK__SGR_CYAN "\033[36m"
#define RK__SGR_HILITE "\033[1;41;97m"

#endif
