/* SPDX-License-Identifier: MIT */
// expect: race 26 37
// expect: race 27 38
// expect: race 28 39
/* Atomic operations of 1, 2 and 8 bytes (an RMW, a release store, a
   seq_cst exchange), one after the other by ONE thread in one epoch (the
   first two in the same 8-byte word), each racing with a plain access to
   the same object by main: three races, each at its own atomic's line
   (atomic_widths_plain_race.c has each atomic in its own thread). clang
   14's ThreadSanitizer misses the release store's race with main's plain
   read (as in atomic_widths_plain_race.c); gcc 12's reports all three. */
#include <stdint.h>

#include "corpus.h"

struct {
  uint8_t small;
  uint16_t half; /* at offset 2: the same word as small */
} w;
uint64_t wide;
int sink;
static corpus_barrier bar;

static void *atomics(void *arg) {
  (void)arg;
  __atomic_fetch_add(&w.small, 1, __ATOMIC_RELAXED); /* R1 */
  __atomic_store_n(&w.half, 5, __ATOMIC_RELEASE); /* R3 */
  (void)__atomic_exchange_n(&wide, 7, __ATOMIC_SEQ_CST); /* R5 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(atomics, NULL);
  invisible_barrier_wait(&bar);
  w.small = 1; /* R2 */
  sink = w.half; /* R4 */
  wide = 9; /* R6 */
  join(t);
  return 0;
}
