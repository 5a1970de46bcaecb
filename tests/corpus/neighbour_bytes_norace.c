/* SPDX-License-Identifier: MIT */
// expect: norace
/* Eight threads each own one byte of the same 8-byte word (and two own a
   2-byte half of another): neighbouring bytes never race. */
#include <stdint.h>

#include "corpus.h"

enum { THREADS = 8, ITERS = 500 };
_Alignas(8) unsigned char bytes[8];
_Alignas(8) uint16_t halves[4];
static corpus_barrier bar;

static void *worker(void *arg) {
  long i = (long)arg;
  invisible_barrier_wait(&bar); /* all at once */
  for (int k = 0; k < ITERS; k++) {
    bytes[i]++;
    if (i < 4) halves[i] = (uint16_t)(halves[i] + 3);
  }
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  for (int i = 0; i < THREADS; i++)
    if (bytes[i] != (unsigned char)ITERS) return 1;
  return 0;
}
