/* SPDX-License-Identifier: MIT */
// expect: norace
/* Writers under the write lock, readers under the read lock. */
#include "corpus.h"

enum { READERS = 3, ITERS = 300 };
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
long value;             /* guarded by rw */
long seen[READERS + 1]; /* each slot owned by one thread until joined */

static void *reader(void *arg) {
  long i = (long)arg;
  for (int k = 0; k < ITERS; k++) {
    pthread_rwlock_rdlock(&rw);
    seen[i] += value;
    pthread_rwlock_unlock(&rw);
  }
  return NULL;
}

static void *writer(void *arg) {
  (void)arg;
  for (int k = 0; k < ITERS; k++) {
    pthread_rwlock_wrlock(&rw);
    value++;
    pthread_rwlock_unlock(&rw);
  }
  return NULL;
}

int main(void) {
  pthread_t t[READERS + 1];
  for (long i = 0; i < READERS; i++) t[i] = spawn(reader, (void *)i);
  t[READERS] = spawn(writer, NULL);
  for (int i = 0; i <= READERS; i++) join(t[i]);
  return value == ITERS ? 0 : 1;
}
