/* SPDX-License-Identifier: MIT */
/* The contract between the checker's detection core (shadow.c, vclock.c,
 * sync.c, thread.c, intercept_*.c) and its reporting side (report.c,
 * symbolize.c, options.c, suppress.c). The core detects a race and hands a
 * fully described rkc_race to rkc_report_race(); the reporting side
 * symbolizes, deduplicates, applies suppressions and prints in the chosen
 * format. Private to the runtime: every symbol here has hidden visibility.
 *
 * PCs: every PC in these structures is a return address (the value of
 * __builtin_return_address or the caller_pc of __tsan_func_entry); the
 * symbolizer looks up pc - 1. Stacks are innermost frame first; the first
 * frame of an access stack is the PC of the access itself.
 */
#ifndef RACEKIT_INSTRUMENTATION_REPORT_H
#define RACEKIT_INSTRUMENTATION_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RKC_HIDDEN __attribute__((visibility("hidden")))

enum { RKC_MAX_FRAMES = 64 };

typedef struct rkc_stack {
  const uintptr_t *pcs; /* innermost first */
  int n;
} rkc_stack;

/* A logical thread of the checker: a pthread, the main thread, or a racekit
   goroutine (a fiber). */
typedef enum rkc_thread_kind {
  RKC_THREAD_MAIN,      /* the process's initial thread ("main goroutine") */
  RKC_THREAD_PTHREAD,   /* created with pthread_create */
  RKC_THREAD_GOROUTINE, /* a racekit goroutine (fiber), goid > 1 */
  RKC_THREAD_FIBER      /* a fiber created through the TSan fiber API by other code */
} rkc_thread_kind;

typedef struct rkc_thread_desc {
  int tid;               /* checker thread id: 0 main, 1, 2, ... (unique over the run) */
  rkc_thread_kind kind;
  long goid;             /* racekit goroutine id, 0 if not a goroutine */
  bool running;          /* false once it has finished */
  int parent_tid;        /* -1 for main */
  rkc_stack created_at;  /* stack of the pthread_create / rk_go call; empty for main */
  int os_tid;            /* kernel thread id (gettid) for format=tsan's "tid=N"; 0 if unknown */
} rkc_thread_desc;

typedef struct rkc_access {
  uintptr_t addr;
  unsigned size;         /* bytes */
  bool write;
  bool atomic;
  rkc_stack stack;       /* never empty: the core always has it */
  rkc_thread_desc thread;
} rkc_access;

/* Where the racing address lives, as far as the core knows. Globals and
   statics are found by the symbolizer from the address. */
typedef enum rkc_loc_kind {
  RKC_LOC_UNKNOWN,  /* the symbolizer tries globals */
  RKC_LOC_HEAP,     /* inside a malloc'd block */
  RKC_LOC_STACK     /* on a thread's stack */
} rkc_loc_kind;

typedef struct rkc_location {
  rkc_loc_kind kind;
  uintptr_t block;       /* heap: start of the block */
  size_t block_size;     /* heap: size requested */
  int alloc_tid;         /* heap: thread that allocated it */
  rkc_stack alloc_stack; /* heap: allocation stack */
  bool freed;            /* heap: the block has been freed (use after free) */
  int free_tid;
  rkc_stack free_stack;
  int stack_tid;         /* stack: whose stack */
} rkc_location;

/* One racekit synchronization event (from the library's __racekit_event
   hook) that the current thread's clock knows about; for explanations in
   the JSON format. Optional: n may be 0. */
typedef struct rkc_sync_note {
  const char *kind;      /* rk_event_kind_name() */
  const void *obj;
  uint64_t seq;
  long goid;
  const char *file;
  int line;
} rkc_sync_note;

typedef struct rkc_race {
  rkc_access cur;        /* the access that detected the race */
  rkc_access prev;       /* the earlier, unordered access */
  rkc_location loc;
  const rkc_sync_note *cur_sync;  /* may be NULL */
  int ncur_sync;
} rkc_race;

/* ---- implemented by the reporting side ---- */

/* Parse RACEKIT_OPTIONS (key=value separated by ':' or spaces: format,
   log_path, exitcode, halt_on_error, suppressions, strip_path_prefix, color).
   On an unknown key, a bad value or an unreadable suppressions file, prints
   one line "racekit: ..." naming it to stderr and calls _exit(2). Called
   once from __tsan_init before the program runs. */
RKC_HIDDEN void rkc_options_init(void);

/* Report a race. Thread-safe (takes its own lock; may allocate and print:
   this is the slow path). The core calls it with the calling thread's
   interceptors disabled: the reporting side and libdw call malloc, free,
   memcpy, strlen ... and those calls must neither be recorded as accesses
   of the program nor take a core lock the caller holds. Applies
   suppressions and deduplication (same unordered pair of source locations
   is reported once). Returns true when
   it was printed. With halt_on_error it prints and exits. */
RKC_HIDDEN bool rkc_report_race(const rkc_race *race);

/* At process exit: prints "Found N data race(s)" (go format) or the TSan
   summary, flushes, and returns the exit status to force (the configured
   exitcode, default 66) if any race was reported, or -1 to keep the
   program's own. */
RKC_HIDDEN int rkc_report_finish(void);

/* Around fork(), from the core's fork interceptor: _prepare takes the
   reporting side's locks (so that no other thread holds one in the child),
   _parent releases them, _child resets them and the child starts its own
   count (and its own log_path file). Additive: without these calls a child
   forked while another thread was reporting could block in its first
   report. */
RKC_HIDDEN void rkc_report_fork_prepare(void);
RKC_HIDDEN void rkc_report_fork_parent(void);
RKC_HIDDEN void rkc_report_fork_child(void);

/* Number of races reported so far. */
RKC_HIDDEN unsigned rkc_report_count(void);

/* Print a non-race diagnostic of the checker ("racekit: ..."), e.g. an
   unsupported call. */
RKC_HIDDEN void rkc_report_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* RACEKIT_INSTRUMENTATION_REPORT_H */
