/* SPDX-License-Identifier: MIT */
// expect: norace
/* A successful pthread_mutex_trylock acquires like pthread_mutex_lock. */
#include <sched.h>

#include "corpus.h"

enum { THREADS = 3, ITERS = 500 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
long counter; /* guarded by mu */

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    while (pthread_mutex_trylock(&mu) != 0) sched_yield();
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
