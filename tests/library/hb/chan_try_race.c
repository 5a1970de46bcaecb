/* SPDX-License-Identifier: MIT */
/* A FAILED non-blocking operation is not an edge: the goroutine writes x
   and fills the buffer (capacity 1); main's rk_chan_try_send fails (full)
   and its rk_chan_try_recv on another, empty channel fails too; then main
   reads x: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c, *empty;
static HB_ISOLATED atomic_int filled;

static void filler(void *arg) {
  (void)arg;
  x = 1;
  int v = 1;
  rk_chan_send(c, &v);
  rk_chan_try_recv(empty, &v, NULL);
  hb_signal(&filled);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 1);
  empty = rk_chan_make(sizeof(int), 1);
  rk_go(filler, NULL);
  hb_wait(&filled);
  int v = 2;
  hb_check(rk_chan_try_send(c, &v) == RK_EAGAIN, "full");
  hb_check(rk_chan_try_recv(empty, &v, NULL) == RK_EAGAIN, "empty");
  hb_use(x); /* races with the write before the goroutine's send */
  return hb_no_race_seen();
}
