/* SPDX-License-Identifier: MIT */
// expect: race 22 43
// expect: race 28 44
// expect: race 34 45
/* Atomic operations of 1, 2 and 8 bytes (an RMW, a release store, a
   seq_cst exchange), each by its own thread, each racing with a plain
   access to the same object by main: three distinct races, whatever the
   width or the memory order. (clang 14's ThreadSanitizer misses the
   release store's race with main's plain read; gcc 12's reports all
   three.) */
#include <stdint.h>

#include "corpus.h"

uint8_t small;
uint16_t half;
uint64_t wide;
int sink;
static corpus_barrier bar;

static void *adder(void *arg) {
  __atomic_fetch_add(&small, 1, __ATOMIC_RELAXED); /* R1 */
  invisible_barrier_wait(&bar);
  return arg;
}

static void *storer(void *arg) {
  __atomic_store_n(&half, 5, __ATOMIC_RELEASE); /* R3 */
  invisible_barrier_wait(&bar);
  return arg;
}

static void *exchanger(void *arg) {
  (void)__atomic_exchange_n(&wide, 7, __ATOMIC_SEQ_CST); /* R5 */
  invisible_barrier_wait(&bar);
  return arg;
}

int main(void) {
  invisible_barrier_init(&bar, 4);
  pthread_t a = spawn(adder, NULL), s = spawn(storer, NULL), e = spawn(exchanger, NULL);
  invisible_barrier_wait(&bar);
  small = 1; /* R2 */
  sink = half; /* R4 */
  wide = 9; /* R6 */
  join(a);
  join(s);
  join(e);
  return 0;
}
