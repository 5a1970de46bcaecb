/* SPDX-License-Identifier: MIT */
// expect: norace
/* Atomics never race with atomics, whatever their memory orders and
   whatever the operation. */
#include <stdatomic.h>

#include "corpus.h"

enum { THREADS = 4, ITERS = 1000 };
_Atomic long counter;
_Atomic int flag;

static void *worker(void *arg) {
  long i = (long)arg;
  for (int k = 0; k < ITERS; k++) {
    switch (i) {
    case 0: atomic_fetch_add(&counter, 1); break;
    case 1: atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed); break;
    case 2: {
      long old = atomic_load_explicit(&counter, memory_order_relaxed);
      while (!atomic_compare_exchange_weak(&counter, &old, old + 1)) {
      }
      break;
    }
    default:
      atomic_store_explicit(&flag, k, memory_order_release);
      atomic_fetch_add_explicit(&counter, 1, memory_order_acq_rel);
      break;
    }
  }
  (void)atomic_exchange(&flag, (int)i);
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  return atomic_load(&counter) == THREADS * ITERS ? 0 : 1;
}
