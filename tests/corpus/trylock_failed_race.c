/* SPDX-License-Identifier: MIT */
// expect: race 14 26
/* A failed trylock acquires nothing; writing anyway is a race with the
   holder of the lock. */
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
  int busy = pthread_mutex_trylock(&mu) != 0; /* fails: holder has mu */
  x = 2; /* R2 */
  if (!busy) pthread_mutex_unlock(&mu);
  invisible_barrier_wait(&bar);
  join(t);
  return busy ? 0 : 1;
}
