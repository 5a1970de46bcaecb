/* SPDX-License-Identifier: MIT */
// expect: race 16 31
/* Reading what the once function initialised without calling rk_once_do
   first: nothing orders the read after the initialisation. */
#include <racekit/racekit.h>

#include "corpus.h"

static rk_once once = RK_ONCE_INIT;
int config;
int sink;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static corpus_barrier bar;

static void init(void) {
  config = 42; /* R1 */
}

static void worker(void *arg) {
  (void)arg;
  rk_once_do(&once, init);
  invisible_barrier_wait(&bar);
  rk_wg_done(&wg);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_wg_add(&wg, 1);
  rk_go(worker, NULL);
  invisible_barrier_wait(&bar);
  sink = config; /* R2: skipped rk_once_do */
  rk_wg_wait(&wg);
  return 0;
}
