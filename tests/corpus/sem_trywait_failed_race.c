/* SPDX-License-Identifier: MIT */
// expect: race 17 36
/* The poster's one token is taken by another thread; main's sem_trywait
   then fails and acquires nothing, so its read races with the poster's
   write (a checker that let a failed trywait acquire would miss it). */
#include <semaphore.h>

#include "corpus.h"

static sem_t sem;
int x;
int sink;
static corpus_barrier bar;

static void *poster(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  sem_post(&sem);
  return NULL;
}

static void *taker(void *arg) {
  (void)arg;
  while (sem_wait(&sem) != 0) {
  }
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  sem_init(&sem, 0, 0);
  invisible_barrier_init(&bar, 2);
  pthread_t p = spawn(poster, NULL), t = spawn(taker, NULL);
  invisible_barrier_wait(&bar); /* the token is gone */
  int failed = sem_trywait(&sem) != 0;
  sink = x; /* R2 */
  join(p);
  join(t);
  sem_destroy(&sem);
  return failed ? 0 : 1;
}
