/* SPDX-License-Identifier: MIT */
// expect: race 16 35
/* A mutex in a heap block is used by one thread and freed; another thread,
   unordered with the first, gets the same block back from malloc and uses
   it as a fresh mutex. A freed mutex is gone: locking the new one must
   not acquire what was released into the old one, so the read of x still
   races with the first thread's write. */
#include "corpus.h"

int x;
int sink;
static corpus_barrier bar;

static void *first(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  pthread_mutex_t *m = malloc(sizeof *m);
  if (!m) exit(3);
  pthread_mutex_init(m, NULL);
  pthread_mutex_lock(m);
  pthread_mutex_unlock(m);
  pthread_mutex_destroy(m);
  free(m);
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  pthread_mutex_t *m = malloc(sizeof *m); /* usually the first thread's block */
  if (!m) exit(3);
  pthread_mutex_init(m, NULL);
  pthread_mutex_lock(m);
  sink = x; /* R2 */
  pthread_mutex_unlock(m);
  pthread_mutex_destroy(m);
  free(m);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t a = spawn(first, NULL), b = spawn(second, NULL);
  join(a);
  join(b);
  return 0;
}
