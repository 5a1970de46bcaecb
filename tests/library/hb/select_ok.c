/* SPDX-License-Identifier: MIT */
/* rk_select carries the edges of the operation it performs: the goroutine
   writes x and sends; main's select (the send's channel plus a NULL case)
   receives, then reads x. Then the other way round: main writes x2 and
   the goroutine's select receives from main's send case. */
#include "hb.h"

HB_ISOLATED int x, x2;
static rk_chan *c, *back;
static rk_waitgroup wg;

static void peer(void *arg) {
  (void)arg;
  x = 1;
  int v = 1;
  rk_chan_send(c, &v);
  int w = 0;
  rk_select_case cases[] = {RK_RECV(back, &w, NULL), RK_RECV(NULL, NULL, NULL)};
  hb_check(rk_select(cases, 2, RK_SELECT_BLOCK) == 0, "select receive");
  hb_check(x2 == 1, "x2 published by main's select send");
  rk_wg_done(&wg);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  back = rk_chan_make(sizeof(int), 1);
  rk_wg_add(&wg, 1);
  rk_go(peer, NULL);
  int v = 0;
  rk_select_case cases[] = {RK_SEND(NULL, &v), RK_RECV(c, &v, NULL)};
  hb_check(rk_select(cases, 2, RK_SELECT_BLOCK) == 1, "select receive");
  hb_check(x == 1, "x published by the send");
  x2 = 1;
  rk_select_case out[] = {RK_SEND(back, &v)};
  hb_check(rk_select(out, 1, RK_SELECT_BLOCK) == 0, "select send");
  rk_wg_wait(&wg);
  return hb_ok();
}
