/* SPDX-License-Identifier: MIT */
/* rk_select carries only the edges of the operation it performs: the
   goroutine sends, THEN writes x; main's select receives and, later in
   time (relaxed hand-off), reads x: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;
static HB_ISOLATED atomic_int written;

static void sender(void *arg) {
  (void)arg;
  int v = 1;
  rk_chan_send(c, &v);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 1);
  rk_go(sender, NULL);
  int v = 0;
  rk_select_case cases[] = {RK_RECV(c, &v, NULL), RK_RECV(NULL, NULL, NULL)};
  hb_check(rk_select(cases, 2, RK_SELECT_BLOCK) == 0, "select receive");
  hb_wait(&written);
  hb_use(x); /* races with the write after the send */
  return hb_no_race_seen();
}
