/* SPDX-License-Identifier: MIT */
// expect: norace
// tsan: false-positive
/* Fence-fence synchronization (C11 7.17.4): a release fence before a
   relaxed store, read by a relaxed load followed by an acquire fence,
   orders data. ThreadSanitizer ignores standalone fences and reports a
   race here. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_thread_fence(memory_order_release); /* pairs with the acquire fence in main */
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
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
