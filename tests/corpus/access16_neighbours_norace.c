/* SPDX-License-Identifier: MIT */
// expect: norace
/* Four threads each store 16-byte values into their own 16-byte slot of
   one 64-byte line: 16-byte accesses to neighbouring slots never race. */
#include "corpus.h"

enum { THREADS = 4, ITERS = 200 };
_Alignas(64) __int128 slots[THREADS];
static corpus_barrier bar;

static void *worker(void *arg) {
  long i = (long)arg;
  invisible_barrier_wait(&bar);
  for (int k = 0; k < ITERS; k++) slots[i] = slots[i] + ((__int128)1 << 64) + 1;
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  for (int i = 0; i < THREADS; i++)
    if (slots[i] != ((__int128)ITERS << 64) + ITERS) return 1;
  return 0;
}
