/* SPDX-License-Identifier: MIT */
// expect: race 24 38
/* Two threads store one word atomically, unordered with each other (the
   first relaxed, so that main, which may read it, never acquires it); main
   acquires the second store and then writes the word plainly.
   That write is ordered after the second store only: it races with the
   first one (an atomic and a plain access, unordered). An atomic store
   supersedes only the stores ordered before it: two atomics never race,
   so the first store must stay in the shadow beside the second. */
#include "corpus.h"

static long x;
static corpus_barrier bar;

static void *second(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar); /* after the first store */
  __atomic_store_n(&x, 2, __ATOMIC_RELEASE);
  return NULL;
}

static void *first(void *arg) {
  (void)arg;
  __atomic_store_n(&x, 1, __ATOMIC_RELAXED); /* R1 */
  invisible_barrier_wait(&bar);
  invisible_barrier_wait(&bar); /* until main has written */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t a = spawn(first, NULL);
  pthread_t b = spawn(second, NULL);
  while (__atomic_load_n(&x, __ATOMIC_ACQUIRE) != 2) {
  }
  /* ordered after the second store (acquire), and after nothing of the
     first thread, which now waits at the barrier */
  x = 5; /* R2 */
  invisible_barrier_wait(&bar);
  join(a);
  join(b);
  return 0;
}
