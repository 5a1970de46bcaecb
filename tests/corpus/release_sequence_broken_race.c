/* SPDX-License-Identifier: MIT */
// expect: race 21 39
// tsan: miss
/* A release sequence is continued by read-modify-writes only (and by
   later stores of the releasing thread itself): a plain relaxed store by
   another thread ends it. main's acquire load reads that store's value,
   synchronizes with nothing, and its read of data races with the
   producer's write. ThreadSanitizer leaves the flag's clock in place on a
   relaxed store and misses the race. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
int sink;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42; /* R1 */
  atomic_store_explicit(&flag, 1, memory_order_release);
  return NULL;
}

static void *overwriter(void *arg) {
  (void)arg;
  while (atomic_load_explicit(&flag, memory_order_relaxed) != 1) sched_yield();
  atomic_store_explicit(&flag, 2, memory_order_relaxed); /* not an RMW: the sequence ends */
  return NULL;
}

int main(void) {
  pthread_t p = spawn(producer, NULL), o = spawn(overwriter, NULL);
  /* Spin relaxed (an acquire load that read 1 would synchronize with the
     producer directly), then acquire once: that load reads 2. */
  while (atomic_load_explicit(&flag, memory_order_relaxed) != 2) sched_yield();
  (void)atomic_load_explicit(&flag, memory_order_acquire);
  sink = data; /* R2 */
  join(p);
  join(o);
  return 0;
}
