/* SPDX-License-Identifier: MIT */
// expect: norace
// tsan: false-positive
/* Fence-to-atomic synchronization (C11 7.17.4p2): a release fence followed
   by a relaxed store synchronizes with an acquire load that reads the
   stored value. ThreadSanitizer ignores the standalone fence and reports a
   race on data. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_thread_fence(memory_order_release); /* pairs with the acquire load in main */
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (!atomic_load_explicit(&flag, memory_order_acquire)) sched_yield();
  int got = data;
  join(t);
  return got == 42 ? 0 : 1;
}
