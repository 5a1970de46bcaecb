/* SPDX-License-Identifier: MIT */
// expect: race 18 28
/* atomic_signal_fence orders a thread only with a signal handler running
   on that same thread: used between threads in place of
   atomic_thread_fence, it creates no happens-before edge, and the read of
   data races with the write. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
int sink;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42; /* R1 */
  atomic_signal_fence(memory_order_release);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (!atomic_load_explicit(&flag, memory_order_relaxed)) sched_yield();
  atomic_signal_fence(memory_order_acquire);
  sink = data; /* R2 */
  join(t);
  return 0;
}
