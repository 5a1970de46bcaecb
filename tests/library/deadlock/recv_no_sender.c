/* SPDX-License-Identifier: MIT */
/* Deadlock: main receives from a channel nobody sends on, after a goroutine
   that could have sent has ended. Expected: exit 2,
   "goroutine 1 [chan receive]:". */
#include <racekit/racekit.h>

static rk_waitgroup wg;

static void idle(void *arg) {
  (void)arg;
  rk_wg_done(&wg);
}

int main(void) {
  rk_chan *c = rk_chan_make(sizeof(int), 4);
  rk_wg_add(&wg, 1);
  rk_go(idle, NULL);
  rk_wg_wait(&wg);
  int v;
  rk_chan_recv(c, &v, NULL); /* BLOCK main */
  return 0;
}
