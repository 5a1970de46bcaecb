/* SPDX-License-Identifier: MIT */
// expect: race 18 27
/* An unaligned 8-byte store at offset 5 covers bytes 5..12, across two
   aligned words; a 1-byte read of byte 11, in the second word, races. */
#include <stdint.h>

#include "corpus.h"

struct __attribute__((packed, may_alias)) u64 { uint64_t v; };

_Alignas(8) unsigned char buf[24];
volatile size_t at = 5; /* keeps the offset out of the compiler's sight */
int sink;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  ((struct u64 *)(buf + at))->v = 0x1111111111111111u; /* R1: bytes 5..12 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  sink = buf[11]; /* R2 */
  join(t);
  return 0;
}
