/* SPDX-License-Identifier: MIT */
// expect: race 18 30
/* Writing under a read lock: rlock does not exclude other readers, and
   runlock orders nothing for later readers. */
#include <racekit/racekit.h>

#include "corpus.h"

static rk_rwmutex rw = RK_RWMUTEX_INIT;
int x;
int sink;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static corpus_barrier bar;

static void bad_writer(void *arg) {
  (void)arg;
  rk_rwmutex_rlock(&rw);
  x = 1; /* R1 */
  rk_rwmutex_runlock(&rw);
  invisible_barrier_wait(&bar);
  rk_wg_done(&wg);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_wg_add(&wg, 1);
  rk_go(bad_writer, NULL);
  invisible_barrier_wait(&bar);
  rk_rwmutex_rlock(&rw);
  sink = x; /* R2 */
  rk_rwmutex_runlock(&rw);
  rk_wg_wait(&wg);
  return 0;
}
