/* SPDX-License-Identifier: MIT */
// expect: norace
/* A recursive mutex taken twice by each thread: the outer unlock releases
   it, and the next owner's lock acquires what both levels protected. */
#include "corpus.h"

enum { THREADS = 3, ITERS = 300 };
static pthread_mutex_t mu;
long counter; /* guarded by mu */
long inner;   /* guarded by mu (taken twice) */

static void bump_inner(void) {
  pthread_mutex_lock(&mu);
  inner++;
  pthread_mutex_unlock(&mu);
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    bump_inner();
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&mu, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++) t[i] = spawn(worker, NULL);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  pthread_mutex_destroy(&mu);
  return counter == THREADS * ITERS && inner == counter ? 0 : 1;
}
