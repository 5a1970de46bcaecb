/* SPDX-License-Identifier: MIT */
// expect: norace
/* 64 threads, all alive at once, increment one counter and append to one
   array under one mutex: 64 clocks meet in one lock. */
#include "corpus.h"

enum { THREADS = 64, ITERS = 50 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
long counter;                   /* guarded by mu */
int log_[THREADS * ITERS];      /* guarded by mu */
static corpus_barrier bar;

static void *worker(void *arg) {
  int id = (int)(long)arg;
  invisible_barrier_wait(&bar); /* everyone alive before the first lock */
  for (int i = 0; i < ITERS; i++) {
    pthread_mutex_lock(&mu);
    log_[counter++] = id;
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  long sum = 0;
  for (int i = 0; i < THREADS * ITERS; i++) sum += log_[i];
  return counter == THREADS * ITERS && sum == (long)ITERS * THREADS * (THREADS - 1) / 2 ? 0 : 1;
}
