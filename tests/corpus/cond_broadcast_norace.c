/* SPDX-License-Identifier: MIT */
// expect: norace
/* One broadcast wakes several waiters using pthread_cond_timedwait; each
   re-checks the predicate under the mutex and reads the published data. */
#include <time.h>

#include "corpus.h"

enum { WAITERS = 4 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int go;                /* guarded by mu */
int data[8];           /* written before go is set, under mu */
int seen[WAITERS];

static void *waiter(void *arg) {
  long i = (long)arg;
  pthread_mutex_lock(&mu);
  while (!go) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    pthread_cond_timedwait(&cv, &mu, &deadline);
  }
  pthread_mutex_unlock(&mu);
  seen[i] = data[i];
  return NULL;
}

int main(void) {
  pthread_t t[WAITERS];
  for (long i = 0; i < WAITERS; i++) t[i] = spawn(waiter, (void *)i);
  pthread_mutex_lock(&mu);
  for (int i = 0; i < 8; i++) data[i] = i + 100;
  go = 1;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  for (int i = 0; i < WAITERS; i++) join(t[i]);
  for (int i = 0; i < WAITERS; i++)
    if (seen[i] != i + 100) return 1;
  return 0;
}
