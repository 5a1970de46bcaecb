/* SPDX-License-Identifier: MIT */
/* A parser for ThreadSanitizer's text output (clang's and gcc's runtimes,
 * and racekit's format=tsan), used by `racekit compare`. It finds the
 * reports in a log that may also hold the program's own output, and gives
 * each report's kind, accesses, stacks, location and summary. Data races are
 * told apart from the other reports ThreadSanitizer prints (thread leak,
 * lock-order-inversion, signal-unsafe call, heap-use-after-free, mutex
 * misuse). Self-contained (libc only) so that the fuzz target can build it
 * alone. Not thread-safe; every call works on its own rk_tsan_log. */
#ifndef RACEKIT_CLI_TSANLOG_H
#define RACEKIT_CLI_TSANLOG_H

#include <stdbool.h>
#include <stddef.h>

/* One stack frame: "#0 func file:line:col (module+0xoffset)". */
typedef struct rk_tsan_frame {
  char *func;            /* NULL for "<null>" */
  char *file;            /* NULL when the frame has no source file */
  int line, col;         /* 0 when unknown */
  char *module;          /* "libc.so.6", "prog"; NULL when not printed */
  unsigned long long offset; /* offset in module, 0 when unknown */
} rk_tsan_frame;

typedef struct rk_tsan_stack {
  rk_tsan_frame *frames; /* innermost first */
  int n;
  bool restored;         /* false: "[failed to restore the stack]" */
} rk_tsan_stack;

/* One memory access of a report ("Write of size 4 at 0x... by thread T1:"). */
typedef struct rk_tsan_access {
  bool previous;         /* the "Previous ..." access */
  bool write;            /* write, else read */
  bool atomic;
  unsigned size;
  unsigned long long addr;
  char *thread;          /* "main thread", "thread T1" */
  char *mutexes;         /* "write M1, read M2" or NULL */
  rk_tsan_stack stack;
} rk_tsan_access;

typedef struct rk_tsan_report {
  char *title;           /* "data race", "thread leak", ... (no "(pid=N)") */
  bool race;             /* a data race (title "data race...") */
  int line;              /* line of the "WARNING: ThreadSanitizer:" header */
  int end_line;          /* line of the closing "==================" */
  long pid;              /* 0 when not printed */
  rk_tsan_access acc[2]; /* the accesses, in printed order */
  int nacc;
  rk_tsan_stack stack;   /* frames right under the header (non-race reports) */
  char *location;        /* text after "Location is ", first one; or NULL */
  int nthreads;          /* "Thread T.. created by" paragraphs */
  char *summary;         /* text after "SUMMARY: ThreadSanitizer: ", or NULL */
} rk_tsan_report;

typedef struct rk_tsan_log {
  rk_tsan_report *reports;
  int n;
  int warnings;          /* "ThreadSanitizer: reported N warnings", -1 if absent */
  char *fatal;           /* first "FATAL: ThreadSanitizer: ..." or
                            "==N==ERROR: ThreadSanitizer: ..." line, or NULL */
  int fatal_line;
} rk_tsan_log;

/* Parses len bytes of text (need not be NUL-terminated; may contain NULs
   and any bytes). name is used in messages. Fills *log (always, even on
   error: the reports complete so far). Returns 0, or -1 when the log is
   truncated or corrupt, with one message "name:LINE: what" in err. ANSI
   colour sequences and CR line ends are accepted. */
int rk_tsan_parse(const char *text, size_t len, const char *name, rk_tsan_log *log,
                  char *err, size_t errlen);
void rk_tsan_log_free(rk_tsan_log *log);

/* The frame that stands for a stack's source location: the innermost frame
   with a file and a line that is not inside the sanitizer runtime, else the
   innermost frame outside the runtime's module; NULL when there is none. */
const rk_tsan_frame *rk_tsan_user_frame(const rk_tsan_stack *s);

#endif
