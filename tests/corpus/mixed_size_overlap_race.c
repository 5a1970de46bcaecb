/* SPDX-License-Identifier: MIT */
// expect: race 18 27
/* An 8-byte write and a 1-byte read of one of its bytes race. */
#include <stdint.h>

#include "corpus.h"

union word {
  uint64_t whole;
  unsigned char bytes[8];
};
union word w;
int sink;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  w.whole = 0x1122334455667788u; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  sink = w.bytes[5]; /* R2 */
  join(t);
  return 0;
}
