/* SPDX-License-Identifier: MIT */
/* Per-operation synchronization state must not carry history from one
   operation to the next. G1 writes x and parks in a send on a full
   buffered channel; helper P receives twice (moving G1's value into the
   buffer, then taking it). Later, main starts G2, which parks in a send on
   another full buffered channel, and main receives its value. If the
   library's per-send state for a parked sender (say, a small heap cell
   used as the synchronization address) were reused from G1's send for
   G2's with G1's history in it, main would wrongly inherit G1's write.
   Main never synchronized with G1 or P, so its read of x is a race. The
   naps only make reuse and parking likely; the verdict is a race either
   way. */
#include "hb.h"

#include <time.h>

HB_ISOLATED int x;
static rk_chan *c1, *c2;
static HB_ISOLATED atomic_int p_filled, g1_sending, p_done, g2_sending;

static void nap(void) { nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL); }

static void g1(void *arg) {
  (void)arg;
  x = 1;
  hb_signal(&g1_sending);
  int v = 1;
  rk_chan_send(c1, &v); /* parks: the buffer is full */
}

static void p(void *arg) {
  (void)arg;
  int v = 0;
  rk_chan_send(c1, &v); /* fill the buffer */
  hb_signal(&p_filled);
  hb_wait(&g1_sending);
  nap();
  rk_chan_recv(c1, NULL, NULL); /* moves G1's value into the buffer */
  rk_chan_recv(c1, NULL, NULL); /* takes it */
  hb_signal(&p_done);
}

static void g2(void *arg) {
  (void)arg;
  int v = 2;
  rk_chan_send(c2, &v); /* fills the buffer */
  hb_signal(&g2_sending);
  rk_chan_send(c2, &v); /* parks */
}

int main(void) {
  c1 = rk_chan_make(sizeof(int), 1);
  c2 = rk_chan_make(sizeof(int), 1);
  rk_go(p, NULL);
  hb_wait(&p_filled);
  rk_go(g1, NULL);
  hb_wait(&p_done);
  rk_go(g2, NULL);
  hb_wait(&g2_sending);
  nap(); /* G2 parks in its second send */
  rk_chan_recv(c2, NULL, NULL);
  rk_chan_recv(c2, NULL, NULL);
  hb_use(x); /* races with G1's write */
  return hb_no_race_seen();
}
