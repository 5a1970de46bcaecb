/* SPDX-License-Identifier: MIT */
// expect: race 25 17
/* Writing after rk_go: only what precedes the rk_go call is ordered before
   the goroutine. */
#include <racekit/racekit.h>

#include "corpus.h"

int x;
int sink;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static corpus_barrier bar;

static void worker(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  rk_wg_done(&wg);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_wg_add(&wg, 1);
  rk_go(worker, NULL);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  rk_wg_wait(&wg);
  return 0;
}
