/* SPDX-License-Identifier: MIT */
// expect: norace
/* Code annotated for ThreadSanitizer works unchanged: a hand-off through a
   relaxed flag, made a happens-before edge by __tsan_release before the
   store and __tsan_acquire after the load that sees it
   (sanitizer/tsan_interface.h). The relaxed store to the annotated
   address must not erase the annotation's release (it ends a C11 release
   sequence of the atomics there, not the annotation). TSan agrees. */
#include <sanitizer/tsan_interface.h>
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  __tsan_release(&flag); /* pairs with the __tsan_acquire in main */
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (!atomic_load_explicit(&flag, memory_order_relaxed)) sched_yield();
  __tsan_acquire(&flag);
  int got = data;
  join(t);
  return got == 42 ? 0 : 1;
}
