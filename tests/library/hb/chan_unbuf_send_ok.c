/* SPDX-License-Identifier: MIT */
/* Row "a send happens before the matching receive completes" (unbuffered):
   the goroutine writes x then sends; main receives then reads x. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;

static void sender(void *arg) {
  (void)arg;
  x = 1;
  int v = 7;
  rk_chan_send(c, &v);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  rk_go(sender, NULL);
  int v = 0;
  rk_chan_recv(c, &v, NULL);
  hb_check(v == 7 && x == 1, "received the value and x");
  return hb_ok();
}
