/* SPDX-License-Identifier: MIT */
/* Row "rk_wg_done happens before the rk_wg_wait it releases returns", for
   EVERY done, not only the last: goroutine 1 writes x and calls done;
   goroutine 2 (later in time, relaxed hand-off) writes y and calls the last
   done; main waits and reads both. */
#include "hb.h"

HB_ISOLATED int x, y;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static HB_ISOLATED atomic_int first_done;

static void first(void *arg) {
  (void)arg;
  x = 1;
  rk_wg_done(&wg);
  hb_signal(&first_done);
}

static void second(void *arg) {
  (void)arg;
  hb_wait(&first_done);
  y = 1;
  rk_wg_done(&wg);
}

int main(void) {
  rk_wg_add(&wg, 2);
  rk_go(first, NULL);
  rk_go(second, NULL);
  rk_wg_wait(&wg);
  hb_check(x == 1 && y == 1, "both writes seen");
  return hb_ok();
}
