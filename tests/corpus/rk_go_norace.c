/* SPDX-License-Identifier: MIT */
// expect: norace
/* rk_go happens before the goroutine starts; rk_wg_done happens before the
   rk_wg_wait it releases returns. */
#include <racekit/racekit.h>

int x;
int y;
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void worker(void *arg) {
  (void)arg;
  y = x + 1;
  rk_wg_done(&wg);
}

int main(void) {
  x = 41;
  rk_wg_add(&wg, 1);
  rk_go(worker, NULL);
  rk_wg_wait(&wg);
  return y == 42 ? 0 : 1;
}
