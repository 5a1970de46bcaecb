/* SPDX-License-Identifier: MIT */
// expect: norace
/* A successful release compare-exchange, then a plain write of the same
   word by a thread that acquired it: ordered. (The CAS's own access
   belongs to the epoch of its release, not to the one after it.) */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

_Atomic long x;

static void *claimer(void *arg) {
  (void)arg;
  long expected = 0;
  atomic_compare_exchange_strong_explicit(&x, &expected, 1, memory_order_release, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(claimer, NULL);
  while (atomic_load_explicit(&x, memory_order_acquire) != 1) sched_yield();
  *(long *)&x = 5; /* after the CAS: its release, our acquire */
  join(t);
  return 0;
}
