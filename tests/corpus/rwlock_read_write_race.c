/* SPDX-License-Identifier: MIT */
// expect: race 15 26
/* Writing under a read lock: read locks do not exclude each other, and a
   read unlock orders nothing for later readers. */
#include "corpus.h"

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int x;
int sink;
static corpus_barrier bar;

static void *bad_writer(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&rw);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  pthread_rwlock_unlock(&rw);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(bad_writer, NULL);
  invisible_barrier_wait(&bar);
  pthread_rwlock_rdlock(&rw);
  sink = x; /* R2 */
  pthread_rwlock_unlock(&rw);
  join(t);
  return 0;
}
