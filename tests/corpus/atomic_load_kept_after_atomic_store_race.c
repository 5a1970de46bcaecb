/* SPDX-License-Identifier: MIT */
// expect: race 24 38
/* A thread loads a word atomically (relaxed); another thread then stores
   it atomically with release, unordered with the load; main acquires that
   store and then writes the word plainly. The write is ordered after the
   store but not after the load: it races with the load (an atomic and a
   plain access, unordered). An atomic store supersedes only the loads
   ordered before it, so the load must stay in the shadow. */
#include "corpus.h"

static long x;
static corpus_barrier bar;
long sink;

static void *storer(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar); /* after the load */
  __atomic_store_n(&x, 2, __ATOMIC_RELEASE);
  return NULL;
}

static void *loader(void *arg) {
  (void)arg;
  sink = __atomic_load_n(&x, __ATOMIC_RELAXED); /* R1 */
  invisible_barrier_wait(&bar);
  invisible_barrier_wait(&bar); /* until main has written */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t a = spawn(loader, NULL);
  pthread_t b = spawn(storer, NULL);
  while (__atomic_load_n(&x, __ATOMIC_ACQUIRE) != 2) {
  }
  /* ordered after the store (acquire), and after nothing of the loader,
     which now waits at the barrier */
  x = 5; /* R2 */
  invisible_barrier_wait(&bar);
  join(a);
  join(b);
  return 0;
}
