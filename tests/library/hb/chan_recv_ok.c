/* SPDX-License-Identifier: MIT */
/* Row "the k-th receive on a channel of capacity C happens before the
   (k+C)-th send completes", C = 0: an unbuffered receive happens before its
   send completes. The goroutine writes x then receives; main sends, then
   reads x. Race-free. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;

static void receiver(void *arg) {
  (void)arg;
  x = 1;
  rk_chan_recv(c, NULL, NULL);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  rk_go(receiver, NULL);
  int v = 3;
  rk_chan_send(c, &v);
  hb_check(x == 1, "x written before the receive");
  return hb_ok();
}
