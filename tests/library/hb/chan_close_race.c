/* SPDX-License-Identifier: MIT */
/* Row "close happens before a receive that returns because closed", edge
   absent: the goroutine writes x AFTER closing; main's receive returns
   ok=false, then main reads x later in time (relaxed hand-off): a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;
static HB_ISOLATED atomic_int written;

static void closer(void *arg) {
  (void)arg;
  rk_chan_close(c);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  rk_go(closer, NULL);
  bool ok = true;
  rk_chan_recv(c, NULL, &ok);
  hb_check(!ok, "closed receive");
  hb_wait(&written);
  hb_use(x); /* races with the write after close */
  return hb_no_race_seen();
}
