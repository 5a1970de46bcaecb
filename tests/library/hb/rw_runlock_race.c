/* SPDX-License-Identifier: MIT */
/* RWMutex: runlock does NOT happen before a later rlock. The goroutine
   writes x under a read lock (wrong, and that is the point); main rlocks
   later in time and reads x: readers are not ordered with each other, a
   race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_rwmutex rw = RK_RWMUTEX_INIT;
static HB_ISOLATED atomic_int runlocked;

static void reader_writer(void *arg) {
  (void)arg;
  rk_rwmutex_rlock(&rw);
  x = 1;
  rk_rwmutex_runlock(&rw);
  hb_signal(&runlocked);
}

int main(void) {
  rk_go(reader_writer, NULL);
  hb_wait(&runlocked);
  rk_rwmutex_rlock(&rw);
  hb_use(x); /* races: runlock -> rlock is not an edge */
  rk_rwmutex_runlock(&rw);
  return hb_no_race_seen();
}
