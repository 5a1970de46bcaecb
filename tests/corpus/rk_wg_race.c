/* SPDX-License-Identifier: MIT */
// expect: race 17 27
/* Writing after rk_wg_done: the waiter is released, and the write is
   ordered with nothing it does. */
#include <racekit/racekit.h>

#include "corpus.h"

int x;
int sink;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static corpus_barrier bar;

static void worker(void *arg) {
  (void)arg;
  rk_wg_done(&wg);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_wg_add(&wg, 1);
  rk_go(worker, NULL);
  rk_wg_wait(&wg);
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  return 0;
}
