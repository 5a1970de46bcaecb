/* SPDX-License-Identifier: MIT */
// expect: norace
/* pthread_barrier_wait: every thread's accesses before the barrier happen
   before every thread's accesses after it. */
#include "corpus.h"

enum { THREADS = 4 };
static pthread_barrier_t barrier;
long slot[THREADS];
long sum[THREADS];

static void *worker(void *arg) {
  long i = (long)arg;
  slot[i] = i + 1;
  pthread_barrier_wait(&barrier);
  for (int k = 0; k < THREADS; k++) sum[i] += slot[k];
  pthread_barrier_wait(&barrier);
  slot[(i + 1) % THREADS] = 0; /* phase 2 writes a neighbour's slot */
  return NULL;
}

int main(void) {
  pthread_barrier_init(&barrier, NULL, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  pthread_barrier_destroy(&barrier);
  for (int i = 0; i < THREADS; i++)
    if (sum[i] != 10) return 1;
  return 0;
}
