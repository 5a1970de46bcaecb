/* SPDX-License-Identifier: MIT */
// expect: race 18 29
/* A compare-exchange with acquire on success but relaxed on failure: it
   fails, so it is a relaxed load and synchronizes with nothing; the read
   of data races. (A checker that applied the success order to a failed
   exchange would miss it.) */
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

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (atomic_load_explicit(&flag, memory_order_relaxed) != 1) sched_yield();
  int expected = 0;
  int swapped = atomic_compare_exchange_strong_explicit(&flag, &expected, 5, memory_order_acquire,
                                                        memory_order_relaxed);
  sink = data; /* R2 */
  join(t);
  return swapped ? 1 : 0;
}
