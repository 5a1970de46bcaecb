/* SPDX-License-Identifier: MIT */
/* Row "done happens before the wait it releases returns", edge absent: the
   goroutine writes x AFTER rk_wg_done; main's wait returns, then main reads
   x later in time (relaxed hand-off): a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static HB_ISOLATED atomic_int written;

static void worker(void *arg) {
  (void)arg;
  rk_wg_done(&wg);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  rk_wg_add(&wg, 1);
  rk_go(worker, NULL);
  rk_wg_wait(&wg);
  hb_wait(&written);
  hb_use(x); /* races with the write after done */
  return hb_no_race_seen();
}
