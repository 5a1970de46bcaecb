/* SPDX-License-Identifier: MIT */
// expect: norace
/* pthread_mutex_timedlock that succeeds acquires like pthread_mutex_lock. */
#include <time.h>

#include "corpus.h"

enum { THREADS = 3, ITERS = 300 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
long counter; /* guarded by mu */

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    if (pthread_mutex_timedlock(&mu, &deadline) != 0) exit(3);
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
