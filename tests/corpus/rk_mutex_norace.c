/* SPDX-License-Identifier: MIT */
// expect: norace
/* rk_mutex_unlock happens before the next rk_mutex_lock returns. */
#include <racekit/racekit.h>

enum { GOROUTINES = 4, ITERS = 500 };
static rk_mutex mu = RK_MUTEX_INIT;
long counter; /* guarded by mu */
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    rk_mutex_lock(&mu);
    counter++;
    rk_mutex_unlock(&mu);
  }
  rk_wg_done(&wg);
}

int main(void) {
  rk_wg_add(&wg, GOROUTINES);
  for (int i = 0; i < GOROUTINES; i++) rk_go(worker, NULL);
  rk_wg_wait(&wg);
  return counter == GOROUTINES * ITERS ? 0 : 1;
}
