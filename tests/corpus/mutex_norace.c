/* SPDX-License-Identifier: MIT */
// expect: norace
/* A counter guarded by one mutex, incremented by four threads. */
#include "corpus.h"

enum { THREADS = 4, ITERS = 1000 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
long counter; /* guarded by mu */

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++) t[i] = spawn(worker, NULL);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  return counter == THREADS * ITERS ? 0 : 1;
}
