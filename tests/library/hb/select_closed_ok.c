/* SPDX-License-Identifier: MIT */
/* Row "close happens before a receive that returns because closed", through
   a select with default that polls: the goroutine writes x then closes;
   once main's select takes the closed case (ok=false), main reads x. */
#include "hb.h"

HB_ISOLATED int x;
static rk_chan *c;

static void closer(void *arg) {
  (void)arg;
  x = 1;
  rk_chan_close(c);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  rk_go(closer, NULL);
  int v;
  bool ok = true;
  rk_select_case cases[] = {RK_RECV(NULL, &v, NULL), RK_RECV(c, &v, &ok)};
  while (rk_select(cases, 2, RK_SELECT_DEFAULT) != 1)
    sched_yield();
  hb_check(!ok && x == 1, "closed, x written before close");
  return hb_ok();
}
