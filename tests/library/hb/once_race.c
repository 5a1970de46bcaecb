/* SPDX-License-Identifier: MIT */
/* Row "fn of rk_once_do returns before any rk_once_do returns", edge absent:
   the goroutine that ran init writes x AFTER its rk_once_do; main's
   rk_once_do returns later in time, then main reads x: a race (the once
   orders init's effects only). */
#include "hb.h"

HB_ISOLATED int x;
static rk_once once = RK_ONCE_INIT;
static HB_ISOLATED atomic_int written;

static void init(void) {}

static void first(void *arg) {
  (void)arg;
  rk_once_do(&once, init);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  rk_go(first, NULL);
  hb_wait(&written);
  rk_once_do(&once, init);
  hb_use(x); /* races with the write after the goroutine's once_do */
  return hb_no_race_seen();
}
