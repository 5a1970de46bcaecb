/* SPDX-License-Identifier: MIT */
// expect: race 16 27
/* One side locks the mutex, the other forgets to. */
#include <racekit/racekit.h>

#include "corpus.h"

static rk_mutex mu = RK_MUTEX_INIT;
int x; /* meant to be guarded by mu */
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static corpus_barrier bar;

static void locked_writer(void *arg) {
  (void)arg;
  rk_mutex_lock(&mu);
  x = 1; /* R1 */
  rk_mutex_unlock(&mu);
  invisible_barrier_wait(&bar);
  rk_wg_done(&wg);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_wg_add(&wg, 1);
  rk_go(locked_writer, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  rk_wg_wait(&wg);
  return 0;
}
