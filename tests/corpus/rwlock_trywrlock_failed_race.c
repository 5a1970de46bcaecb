/* SPDX-License-Identifier: MIT */
// expect: race 15 27
/* pthread_rwlock_trywrlock fails while a reader holds the lock; writing
   anyway races with the reader's read. */
#include "corpus.h"

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int x;
int sink;
static corpus_barrier bar;

static void *reader(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&rw);
  sink = x; /* R1 */
  invisible_barrier_wait(&bar); /* holding the read lock */
  invisible_barrier_wait(&bar);
  pthread_rwlock_unlock(&rw);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(reader, NULL);
  invisible_barrier_wait(&bar);
  int busy = pthread_rwlock_trywrlock(&rw) != 0;
  x = 1; /* R2 */
  if (!busy) pthread_rwlock_unlock(&rw);
  invisible_barrier_wait(&bar);
  join(t);
  return busy ? 0 : 1;
}
