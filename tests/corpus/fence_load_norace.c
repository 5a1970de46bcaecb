/* SPDX-License-Identifier: MIT */
// expect: norace
// tsan: false-positive
/* Atomic-to-fence synchronization (C11 7.17.4p3): a release store read by
   a relaxed load that is followed by an acquire fence. ThreadSanitizer
   ignores the standalone fence and reports a race on data. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_store_explicit(&flag, 1, memory_order_release); /* pairs with the acquire fence in main */
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (!atomic_load_explicit(&flag, memory_order_relaxed)) sched_yield();
  atomic_thread_fence(memory_order_acquire);
  int got = data;
  join(t);
  return got == 42 ? 0 : 1;
}
