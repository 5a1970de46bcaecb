/* SPDX-License-Identifier: MIT */
/* RWMutex unlock, edge absent: the goroutine writes x AFTER unlocking the
   write lock; main rlocks later in time and reads x: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_rwmutex rw = RK_RWMUTEX_INIT;
static HB_ISOLATED atomic_int written;

static void writer(void *arg) {
  (void)arg;
  rk_rwmutex_lock(&rw);
  rk_rwmutex_unlock(&rw);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  rk_go(writer, NULL);
  hb_wait(&written);
  rk_rwmutex_rlock(&rw);
  hb_use(x); /* races with the write after unlock */
  rk_rwmutex_runlock(&rw);
  return hb_no_race_seen();
}
