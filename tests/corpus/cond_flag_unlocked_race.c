/* SPDX-License-Identifier: MIT */
// expect: race 15 26
/* The waiter checks the flag without holding the mutex first: that read
   races with the producer's write under the mutex. */
#include "corpus.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready; /* meant to be guarded by mu */
static corpus_barrier bar;

static void *producer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  ready = 1; /* R1 */
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(producer, NULL);
  invisible_barrier_wait(&bar);
  if (!ready) { /* R2 */
    pthread_mutex_lock(&mu);
    while (!ready) pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
  }
  join(t);
  return 0;
}
