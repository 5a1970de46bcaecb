/* SPDX-License-Identifier: MIT */
/* Row "the fn of rk_once_do returns before any rk_once_do on it returns":
   the goroutine's rk_once_do runs init, which writes x; main's rk_once_do,
   later in time, does not run init but returns after it, then main reads
   x. Race-free because of the edge. */
#include "hb.h"

HB_ISOLATED int x;
static rk_once once = RK_ONCE_INIT;
static HB_ISOLATED atomic_int ran;

static void init(void) { x = 1; }

static void first(void *arg) {
  (void)arg;
  rk_once_do(&once, init);
  hb_signal(&ran);
}

int main(void) {
  rk_go(first, NULL);
  hb_wait(&ran);
  rk_once_do(&once, init);
  hb_check(x == 1, "init ran once");
  return hb_ok();
}
