/* SPDX-License-Identifier: MIT */
/* Row "a seq_cst atomic write happens before a read that observes it", edge
   absent: the goroutine writes x AFTER rk_atomic_i64_store; main observes
   the store and, later in time (relaxed hand-off), reads x: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_atomic_i64 flag = RK_ATOMIC_INIT(0);
static HB_ISOLATED atomic_int written;

static void writer(void *arg) {
  (void)arg;
  rk_atomic_i64_store(&flag, 1);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  rk_go(writer, NULL);
  while (rk_atomic_i64_load(&flag) == 0)
    sched_yield();
  hb_wait(&written);
  hb_use(x); /* races with the write after the store */
  return hb_no_race_seen();
}
