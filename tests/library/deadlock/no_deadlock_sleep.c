/* SPDX-License-Identifier: MIT */
/* NOT a deadlock: main waits on a WaitGroup while the only goroutine sleeps
   in rk_sleep (a sleeping goroutine can wake), and on a timer channel
   (a pending timer can wake its receiver). Must exit 0. */
#include <racekit/racekit.h>

#include <stdio.h>

static rk_waitgroup wg;

static void sleeper(void *arg) {
  (void)arg;
  rk_sleep(100 * RK_MILLISECOND);
  rk_wg_done(&wg);
}

int main(void) {
  rk_wg_add(&wg, 1);
  rk_go(sleeper, NULL);
  rk_wg_wait(&wg);
  rk_chan *t = rk_after(100 * RK_MILLISECOND);
  rk_chan_recv(t, NULL, NULL);
  rk_chan_release(t);
  printf("done\n");
  return 0;
}
