/* SPDX-License-Identifier: MIT */
/* Row "a send happens before the matching receive completes", edge absent:
   the goroutine writes x AFTER its send (buffered, capacity 1); main
   receives, then reads x later in time (relaxed hand-off). The send orders
   only what came before it: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;
static HB_ISOLATED atomic_int written;

static void sender(void *arg) {
  (void)arg;
  int v = 7;
  rk_chan_send(c, &v);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 1);
  rk_go(sender, NULL);
  int v = 0;
  rk_chan_recv(c, &v, NULL);
  hb_wait(&written);
  hb_use(x); /* races with the write after the send */
  return hb_no_race_seen();
}
