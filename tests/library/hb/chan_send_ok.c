/* SPDX-License-Identifier: MIT */
/* Row "a send happens before the matching receive completes" (buffered,
   capacity 1): the goroutine writes x then sends; main receives then reads
   x. Race-free because of the edge. */
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
  c = rk_chan_make(sizeof(int), 1);
  rk_go(sender, NULL);
  int v = 0;
  bool ok = false;
  rk_chan_recv(c, &v, &ok);
  hb_check(ok && v == 7, "received the value");
  hb_check(x == 1, "x written before the send");
  return hb_ok();
}
