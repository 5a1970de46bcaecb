/* SPDX-License-Identifier: MIT */
// expect: race 21 33
/* annotate_release_acquire_norace.c with the acquire annotation on
   another address than the release: no edge, the hand-off through the
   relaxed flag is a race. TSan agrees. */
#include <sanitizer/tsan_interface.h>
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;
int other;
static corpus_barrier bar;

static void *producer(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  __tsan_release(&other);
  data = 42; /* R1 */
  __tsan_release(&flag);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(producer, NULL);
  invisible_barrier_wait(&bar);
  while (!atomic_load_explicit(&flag, memory_order_relaxed)) sched_yield();
  __tsan_acquire(&other);
  int got = data; /* R2 */
  join(t);
  return got == 42 ? 0 : 1;
}
