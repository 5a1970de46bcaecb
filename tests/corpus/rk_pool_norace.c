/* SPDX-License-Identifier: MIT */
// expect: norace
/* Goroutine b starts after main waited for goroutine a: b's write is
   ordered after a's, whichever pooled thread each ran on. */
#include <racekit/racekit.h>

int x;
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void write_one(void *arg) {
  x = (int)(long)arg;
  rk_wg_done(&wg);
}

int main(void) {
  for (long g = 1; g <= 8; g++) {
    rk_wg_add(&wg, 1);
    rk_go(write_one, (void *)g);
    rk_wg_wait(&wg);
  }
  return x == 8 ? 0 : 1;
}
