/* SPDX-License-Identifier: MIT */
/* Row "unlock happens before the next lock", edge absent: the goroutine
   writes x AFTER unlocking; main locks later in time and reads x: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_mutex mu = RK_MUTEX_INIT;
static HB_ISOLATED atomic_int written;

static void writer(void *arg) {
  (void)arg;
  rk_mutex_lock(&mu);
  rk_mutex_unlock(&mu);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  rk_go(writer, NULL);
  hb_wait(&written);
  rk_mutex_lock(&mu);
  hb_use(x); /* races with the write after unlock */
  rk_mutex_unlock(&mu);
  return hb_no_race_seen();
}
