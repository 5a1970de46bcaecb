/* SPDX-License-Identifier: MIT */
// expect: norace
/* A detached thread hands its result back through a semaphore: sem_post
   happens before the sem_wait it wakes returns. */
#include <semaphore.h>

#include "corpus.h"

int x;
static sem_t done;

static void *worker(void *arg) {
  (void)arg;
  x = 42;
  sem_post(&done);
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_t t = spawn(worker, NULL);
  pthread_detach(t);
  while (sem_wait(&done) != 0) {
  }
  int ok = x == 42;
  x = 0;
  sem_destroy(&done);
  return ok ? 0 : 1;
}
