/* SPDX-License-Identifier: MIT */
// expect: race 41 55
/* Two threads store to and load from one word with relaxed atomics, in
   turn, a hundred times (no happens-before between them: the barrier is
   invisible). Atomics never race with atomics. Then the second thread
   publishes its stores (a release on another word) and loads the word
   once more, and the first thread stores once more after that load; main,
   ordered after the first thread (join) and after the second one's stores
   (acquire), writes the word plainly: that write races with the last load
   only. The word keeps two writes and two reads at once: the checker must
   keep each thread's last of each, and an atomic store must not erase an
   unordered atomic load. */
#include "corpus.h"

static long x;
static int published;
static corpus_barrier bar, bar2;

static void *first(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    __atomic_store_n(&x, i, __ATOMIC_RELAXED);
    invisible_barrier_wait(&bar);
    invisible_barrier_wait(&bar); /* the second thread's turn */
    (void)__atomic_load_n(&x, __ATOMIC_RELAXED);
  }
  invisible_barrier_wait(&bar); /* after the second thread's last load */
  __atomic_store_n(&x, -1, __ATOMIC_RELAXED); /* keeps that load */
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    invisible_barrier_wait(&bar);
    long v = __atomic_load_n(&x, __ATOMIC_RELAXED);
    __atomic_store_n(&x, v + 1, __ATOMIC_RELAXED);
    invisible_barrier_wait(&bar);
  }
  __atomic_store_n(&published, 1, __ATOMIC_RELEASE);
  (void)__atomic_load_n(&x, __ATOMIC_RELAXED); /* R1 */
  invisible_barrier_wait(&bar);
  invisible_barrier_wait(&bar2); /* until main has written */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  invisible_barrier_init(&bar2, 2);
  pthread_t a = spawn(first, NULL);
  pthread_t b = spawn(second, NULL);
  join(a);
  while (!__atomic_load_n(&published, __ATOMIC_ACQUIRE)) {
  }
  x = 5; /* R2 */
  invisible_barrier_wait(&bar2);
  join(b);
  return 0;
}
