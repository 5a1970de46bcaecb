/* SPDX-License-Identifier: MIT */
// expect: race 16 24
/* Publishing data with a relaxed store: relaxed atomics do not
   synchronize, so the reader's access to data races with the write. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
int sink;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42; /* R1 */
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (!atomic_load_explicit(&flag, memory_order_relaxed)) sched_yield();
  sink = data; /* R2 */
  join(t);
  return 0;
}
