/* SPDX-License-Identifier: MIT */
// expect: race 16 26
/* The acquire fence comes before the relaxed load that reads the flag, so
   it synchronizes with nothing: the read of data races. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
int sink;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42; /* R1 */
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  atomic_thread_fence(memory_order_acquire); /* too early */
  while (!atomic_load_explicit(&flag, memory_order_relaxed)) sched_yield();
  sink = data; /* R2 */
  join(t);
  return 0;
}
