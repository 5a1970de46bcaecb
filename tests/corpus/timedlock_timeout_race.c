/* SPDX-License-Identifier: MIT */
// expect: race 18 33
/* A pthread_mutex_timedlock that times out acquires nothing: writing
   anyway races with the holder's write. (The deadline has already passed,
   so the call fails at once while the lock is held.) */
#include <errno.h>
#include <time.h>

#include "corpus.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int x;
static corpus_barrier bar;

static void *holder(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar); /* holding mu */
  invisible_barrier_wait(&bar);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(holder, NULL);
  invisible_barrier_wait(&bar);
  struct timespec past;
  clock_gettime(CLOCK_REALTIME, &past);
  past.tv_sec -= 1;
  int r = pthread_mutex_timedlock(&mu, &past);
  x = 2; /* R2 */
  if (r == 0) pthread_mutex_unlock(&mu);
  invisible_barrier_wait(&bar);
  join(t);
  return r == ETIMEDOUT ? 0 : 1;
}
