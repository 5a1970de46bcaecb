/* SPDX-License-Identifier: MIT */
// expect: race 12 21
/* An atomic and a plain access to the same location race, even though
   atomics never race with each other. */
#include "corpus.h"

int x;
static corpus_barrier bar;

static void *atomic_adder(void *arg) {
  (void)arg;
  __atomic_fetch_add(&x, 1, __ATOMIC_SEQ_CST); /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(atomic_adder, NULL);
  invisible_barrier_wait(&bar);
  x = 5; /* R2 */
  join(t);
  return 0;
}
