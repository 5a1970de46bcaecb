/* SPDX-License-Identifier: MIT */
// expect: race 17 23
/* Goroutine a writes x and ends; goroutine b, started later without
   waiting for a, writes x. b probably runs on the very thread a ran on,
   but goroutines are separate logical threads: a pooled thread carries no
   edge from one goroutine to the next. */
#include <racekit/racekit.h>

#include "corpus.h"

int x;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static corpus_barrier bar;

static void a(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
}

static void b(void *arg) {
  (void)arg;
  x = 2; /* R2 */
  rk_wg_done(&wg);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_go(a, NULL);
  invisible_barrier_wait(&bar);
  rk_wg_add(&wg, 1);
  rk_go(b, NULL);
  rk_wg_wait(&wg);
  return 0;
}
