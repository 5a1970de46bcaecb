/* SPDX-License-Identifier: MIT */
/* Deadlock: main holds a read lock and asks for the write lock; a
   goroutine then waits for a read lock behind the waiting writer.
   Expected: exit 2, "goroutine 1 [RWMutex.Lock]:" and
   "goroutine 2 [RWMutex.RLock]:". */
#include <racekit/racekit.h>

static rk_rwmutex rw;

static void reader(void *arg) {
  (void)arg;
  /* Wait until main queues as a writer: new readers are then kept out. */
  while (rk_rwmutex_tryrlock(&rw)) {
    rk_rwmutex_runlock(&rw);
    rk_sleep(RK_MILLISECOND);
  }
  rk_rwmutex_rlock(&rw); /* BLOCK reader */
}

int main(void) {
  rk_rwmutex_rlock(&rw);
  rk_go(reader, NULL); /* GO reader */
  rk_rwmutex_lock(&rw); /* BLOCK main */
  return 0;
}
