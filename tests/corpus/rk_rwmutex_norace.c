/* SPDX-License-Identifier: MIT */
// expect: norace
/* RWMutex: unlock happens before later rlock and lock; runlock happens
   before a later lock. Readers read under rlock, the writer writes under
   lock, in whatever order the scheduler picks. */
#include <racekit/racekit.h>

enum { READERS = 3, ITERS = 200 };
static rk_rwmutex rw = RK_RWMUTEX_INIT;
long value; /* guarded by rw */
long seen[READERS];
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void reader(void *arg) {
  long i = (long)arg;
  for (int k = 0; k < ITERS; k++) {
    rk_rwmutex_rlock(&rw);
    seen[i] += value;
    rk_rwmutex_runlock(&rw);
  }
  rk_wg_done(&wg);
}

static void writer(void *arg) {
  (void)arg;
  for (int k = 0; k < ITERS; k++) {
    rk_rwmutex_lock(&rw);
    value++;
    rk_rwmutex_unlock(&rw);
  }
  rk_wg_done(&wg);
}

int main(void) {
  rk_wg_add(&wg, READERS + 1);
  for (long i = 0; i < READERS; i++) rk_go(reader, (void *)i);
  rk_go(writer, NULL);
  rk_wg_wait(&wg);
  return value == ITERS ? 0 : 1;
}
