/* SPDX-License-Identifier: MIT */
/* Shared by the happens-before programs (tests/library/hb/).
 *
 * Each program is built with clang -fsanitize=thread and linked with the
 * uninstrumented libracekit, so ThreadSanitizer sees exactly the edges the
 * library reports. <row>_ok.c must run clean; <row>_race.c must get a data
 * race report on the global `x`.
 *
 * To force the interleaving of a racy program without adding an edge, the
 * programs hand off with a RELAXED atomic flag: ThreadSanitizer gives
 * relaxed loads and stores no acquire or release semantics (only acquire,
 * release, acq_rel and seq_cst orders synchronize), so the flag orders the
 * accesses in time but not for the checker. This is the "barrier the
 * checker cannot see" of tsan's own tests. Never use it to make an _ok
 * program correct.
 */
#ifndef RACEKIT_TESTS_HB_H
#define RACEKIT_TESTS_HB_H

#include <racekit/racekit.h>

#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* Every variable a test's threads touch gets a 64-byte line of its own.
   ThreadSanitizer keeps four shadow cells per 8 bytes of memory: a
   hand-off flag polled in the same 8 bytes as x can push the racy write to
   x out of its cells, and the race goes unseen (hb_wg_race missed its race
   in about 7% of runs while `written` and `x` shared 8 bytes). */
#define HB_ISOLATED _Alignas(64)

/* Invisible to the checker: orders in time only. */
static inline void hb_signal(atomic_int *flag) {
  atomic_store_explicit(flag, 1, memory_order_relaxed);
}
static inline void hb_wait(atomic_int *flag) {
  while (!atomic_load_explicit(flag, memory_order_relaxed))
    sched_yield();
}

/* Read v for real: a value loaded and never used would be optimized away
   (and so would the racy read). */
HB_ISOLATED volatile int hb_sink;
static inline void hb_use(int v) { hb_sink = v; }

/* The end of an _ok program: it ran to completion without a report. */
static inline int hb_ok(void) {
  printf("hb: ok\n");
  return 0;
}

/* The end of a _race program that was not stopped by a report
   (halt_on_error=1 exits 66 at the first one): that is the failure. */
static inline int hb_no_race_seen(void) {
  printf("hb: no race was reported\n");
  return 0;
}

static inline void hb_check(int cond, const char *what) {
  if (!cond) {
    fprintf(stderr, "hb: check failed: %s\n", what);
    exit(1);
  }
}

#endif
