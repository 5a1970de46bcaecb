/* SPDX-License-Identifier: MIT */
// expect: norace
/* A failed compare-exchange is a load with the failure memory order
   (C11 7.17.7.4): with memory_order_acquire it synchronizes with the
   release store whose value it read, success or not. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_store_explicit(&flag, 1, memory_order_release); /* pairs with the failed CAS in main */
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (atomic_load_explicit(&flag, memory_order_relaxed) != 1) sched_yield();
  int expected = 0;
  int swapped = atomic_compare_exchange_strong_explicit(&flag, &expected, 5, memory_order_acquire,
                                                        memory_order_acquire);
  int got = data;
  join(t);
  return !swapped && expected == 1 && got == 42 ? 0 : 1;
}
