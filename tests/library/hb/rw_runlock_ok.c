/* SPDX-License-Identifier: MIT */
/* Row "RWMutex: runlock happens before a later lock returns": the goroutine
   reads x under a read lock; main takes the write lock later and writes x. */
#include "hb.h"

HB_ISOLATED int x;
static rk_rwmutex rw = RK_RWMUTEX_INIT;
static HB_ISOLATED atomic_int runlocked;

static void reader(void *arg) {
  (void)arg;
  rk_rwmutex_rlock(&rw);
  hb_use(x);
  rk_rwmutex_runlock(&rw);
  hb_signal(&runlocked);
}

int main(void) {
  rk_go(reader, NULL);
  hb_wait(&runlocked);
  rk_rwmutex_lock(&rw);
  x = 1;
  rk_rwmutex_unlock(&rw);
  return hb_ok();
}
