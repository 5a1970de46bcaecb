/* SPDX-License-Identifier: MIT */
// expect: race 16 28
/* Writing after sem_post: the post orders only what came before it. */
#include <semaphore.h>

#include "corpus.h"

static sem_t sem;
int x;
int sink;
static corpus_barrier bar;

static void *poster(void *arg) {
  (void)arg;
  sem_post(&sem);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  sem_init(&sem, 0, 0);
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(poster, NULL);
  while (sem_wait(&sem) != 0) {
  }
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  join(t);
  sem_destroy(&sem);
  return 0;
}
