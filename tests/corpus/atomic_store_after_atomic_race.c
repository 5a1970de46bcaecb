/* SPDX-License-Identifier: MIT */
// expect: race 20 30
// expect: race 21 31
/* Two relaxed atomic stores in a row by one thread to the two halves of
   one 8-byte word, each racing with a plain write by main: two races, each
   reported at its own store's line (one epoch, one word, two stacks: the
   second store must not join the first store's record and be reported at
   the first one's line). gcc 12's ThreadSanitizer reports both races;
   clang 14's reports only the first (a second race in the same word is
   not reported). */
#include <stdint.h>

#include "corpus.h"

int a, b; /* adjacent: one 8-byte word */
static corpus_barrier bar;

static void *atomics(void *arg) {
  (void)arg;
  __atomic_store_n(&a, 5, __ATOMIC_RELAXED); /* R1 */
  __atomic_store_n(&b, 5, __ATOMIC_RELAXED); /* R3 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(atomics, NULL);
  invisible_barrier_wait(&bar);
  a = 1; /* R2 */
  b = 1; /* R4 */
  join(t);
  return 0;
}
