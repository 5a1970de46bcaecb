/* SPDX-License-Identifier: MIT */
/* The non-blocking forms carry the edges of the blocking ones when they
   succeed: the goroutine writes x then rk_chan_try_send's; main polls with
   rk_chan_try_recv until it gets the value, then reads x. Then main writes
   y and try_sends on an unbuffered channel once the goroutine waits in a
   receive; the goroutine reads y. */
#include "hb.h"

HB_ISOLATED int x, y;
static rk_chan *c, *u;
static rk_waitgroup wg;

static void peer(void *arg) {
  (void)arg;
  x = 1;
  int v = 1;
  while (rk_chan_try_send(c, &v) == RK_EAGAIN)
    sched_yield();
  rk_chan_recv(u, &v, NULL);
  hb_check(y == 1, "y written before the try_send");
  rk_wg_done(&wg);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 1);
  u = rk_chan_make(sizeof(int), 0);
  rk_wg_add(&wg, 1);
  rk_go(peer, NULL);
  int v = 0;
  while (rk_chan_try_recv(c, &v, NULL) == RK_EAGAIN)
    sched_yield();
  hb_check(x == 1, "x written before the try_send");
  y = 1;
  while (rk_chan_try_send(u, &v) == RK_EAGAIN)
    sched_yield();
  rk_wg_wait(&wg);
  return hb_ok();
}
