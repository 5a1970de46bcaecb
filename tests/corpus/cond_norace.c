/* SPDX-License-Identifier: MIT */
// expect: norace
/* The classic condition-variable handoff: flag and data under the mutex,
   the waiter re-checks the flag in a loop. */
#include "corpus.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready; /* guarded by mu */
int data;  /* written before ready is set, under mu */

static void *producer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  data = 42;
  ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  pthread_mutex_lock(&mu);
  while (!ready) pthread_cond_wait(&cv, &mu);
  int got = data;
  pthread_mutex_unlock(&mu);
  join(t);
  return got == 42 ? 0 : 1;
}
