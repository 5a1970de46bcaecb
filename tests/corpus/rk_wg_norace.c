/* SPDX-License-Identifier: MIT */
// expect: norace
/* rk_wg_done happens before the rk_wg_wait it releases returns. */
#include <racekit/racekit.h>

enum { GOROUTINES = 6 };
long slot[GOROUTINES];
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void worker(void *arg) {
  long i = (long)arg;
  slot[i] = i * i;
  rk_wg_done(&wg);
}

int main(void) {
  rk_wg_add(&wg, GOROUTINES);
  for (long i = 0; i < GOROUTINES; i++) rk_go(worker, (void *)i);
  rk_wg_wait(&wg);
  long sum = 0;
  for (int i = 0; i < GOROUTINES; i++) sum += slot[i];
  return sum == 55 ? 0 : 1;
}
