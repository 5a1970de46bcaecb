/* SPDX-License-Identifier: MIT */
/* Deadlock: main waits on a WaitGroup whose goroutine returns without
   calling rk_wg_done. Expected: exit 2, "goroutine 1 [WaitGroup.Wait]:". */
#include <racekit/racekit.h>

static rk_waitgroup wg;

static void forgetful(void *arg) { (void)arg; }

int main(void) {
  rk_wg_add(&wg, 1);
  rk_go(forgetful, NULL);
  rk_wg_wait(&wg); /* BLOCK main */
  return 0;
}
