/* SPDX-License-Identifier: MIT */
/* Row "rk_wg_done happens before the rk_wg_wait it releases returns", on
   the fast path: the goroutine writes x and calls done; main calls
   rk_wg_wait only after the counter is already zero (relaxed hand-off), so
   the wait returns at once. It must still order the done (as Go's Wait
   does): race-free. */
#include "hb.h"

HB_ISOLATED int x;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static HB_ISOLATED atomic_int done;

static void worker(void *arg) {
  (void)arg;
  x = 1;
  rk_wg_done(&wg);
  hb_signal(&done);
}

int main(void) {
  rk_wg_add(&wg, 1);
  rk_go(worker, NULL);
  hb_wait(&done);
  rk_wg_wait(&wg);
  hb_check(x == 1, "x written before done");
  return hb_ok();
}
