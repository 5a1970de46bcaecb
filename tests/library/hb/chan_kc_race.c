/* SPDX-License-Identifier: MIT */
/* The k+C rule, C = 2, edge absent: the goroutine writes x then makes
   receive 1; main makes only sends 1 and 2 (receive 1 happens before send
   3, not send 2), waits until the receive is done (relaxed hand-off), then
   reads x. A race: it catches a channel that orders every receive before
   every later send (one address per channel instead of per slot). */
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
  c = rk_chan_make(sizeof(int), 2);
  rk_go(receiver, NULL);
  int v = 1;
  rk_chan_send(c, &v);
  hb_wait(&received);
  v = 2;
  rk_chan_send(c, &v); /* send 2: after receive 1 in time, not ordered */
  hb_use(x);           /* races with the write before receive 1 */
  return hb_no_race_seen();
}
