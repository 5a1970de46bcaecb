/* SPDX-License-Identifier: MIT */
/* Row "closing a channel happens before a receive that returns because the
   channel is closed": the goroutine writes x then closes; main's receive
   returns ok=false, then main reads x. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;

static void closer(void *arg) {
  (void)arg;
  x = 1;
  rk_chan_close(c);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  rk_go(closer, NULL);
  int v = 5;
  bool ok = true;
  rk_chan_recv(c, &v, &ok);
  hb_check(!ok && v == 0, "closed receive: ok=false, zero value");
  hb_check(x == 1, "x written before close");
  return hb_ok();
}
