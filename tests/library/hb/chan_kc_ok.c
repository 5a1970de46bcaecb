/* SPDX-License-Identifier: MIT */
/* Row "the k-th receive happens before the (k+C)-th send completes", C = 2:
   the goroutine writes x then makes receive 1; main makes sends 1, 2, 3
   (send 3 = 1 + C) and then reads x. Race-free: receive 1 happens before
   send 3 completes, whether send 3 had to wait or not. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;

static void receiver(void *arg) {
  (void)arg;
  x = 1;
  rk_chan_recv(c, NULL, NULL);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 2);
  rk_go(receiver, NULL);
  for (int i = 1; i <= 3; i++)
    rk_chan_send(c, &i);
  hb_check(x == 1, "x written before receive 1");
  return hb_ok();
}
