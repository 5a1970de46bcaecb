/* SPDX-License-Identifier: MIT */
/* The k+C rule with C = 1, edge absent: the goroutine writes x then
   receives from a BUFFERED channel; main sends (the 1st send: it needs no
   receive, even if the receiver was already waiting and got the value
   handed over directly), waits until the receive is done (relaxed
   hand-off) and on an unrelated timer, then reads x. A buffered receive
   does not order anything before the 1st send: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;
static HB_ISOLATED atomic_int received;

static void receiver(void *arg) {
  (void)arg;
  x = 1;
  rk_chan_recv(c, NULL, NULL);
  hb_signal(&received);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 1);
  rk_go(receiver, NULL);
  int v = 3;
  rk_chan_send(c, &v);
  hb_wait(&received);
  rk_chan *t = rk_after(RK_MILLISECOND);
  rk_chan_recv(t, NULL, NULL);
  hb_use(x); /* races with the write before the receive */
  return hb_no_race_seen();
}
