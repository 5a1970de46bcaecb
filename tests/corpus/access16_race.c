/* SPDX-License-Identifier: MIT */
// expect: race 17 26
/* A 16-byte store (one __int128) and a 1-byte read of its fifteenth byte:
   the overlap is in the second 8 bytes of the access. */
#include "corpus.h"

union wide {
  __int128 whole;
  unsigned char bytes[16];
};
_Alignas(16) union wide w;
int sink;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  w.whole = (__int128)0x0102030405060708 << 64; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  sink = w.bytes[14]; /* R2 */
  join(t);
  return 0;
}
