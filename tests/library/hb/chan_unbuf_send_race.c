/* SPDX-License-Identifier: MIT */
/* Unbuffered rendezvous, edge absent: the sender writes x AFTER its send
   completes, main reads x after its receive (later in time, relaxed
   hand-off). A rendezvous orders each side's earlier accesses before the
   other side's later ones, not the two "after" parts: a race. */
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
  c = rk_chan_make(sizeof(int), 0);
  rk_go(sender, NULL);
  int v = 0;
  rk_chan_recv(c, &v, NULL);
  hb_wait(&written);
  hb_use(x); /* races with the write after the send */
  return hb_no_race_seen();
}
