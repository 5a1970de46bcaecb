/* SPDX-License-Identifier: MIT */
// expect: norace
/* pthread_cond_timedwait that times out, with no signal at all, still
   re-acquires the mutex before returning: what the previous holder wrote
   under the mutex is ordered before the waiter's reads. */
#include <errno.h>
#include <time.h>

#include "corpus.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER; /* never signalled */
int data; /* guarded by mu */
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar); /* main holds mu: this lock waits for the timedwait */
  pthread_mutex_lock(&mu);
  data = 42;
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  pthread_mutex_lock(&mu);
  invisible_barrier_wait(&bar);
  int r = 0, got = 0;
  while (r != ETIMEDOUT || got == 0) { /* until the writer has been in */
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000;
    }
    r = pthread_cond_timedwait(&cv, &mu, &deadline);
    got = data;
  }
  pthread_mutex_unlock(&mu);
  join(t);
  return got == 42 ? 0 : 1;
}
