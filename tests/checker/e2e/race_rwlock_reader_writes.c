/* SPDX-License-Identifier: MIT */
/* expect: race 1 — two readers of an rwlock are not ordered with each
   other: a write under the read lock races with the other reader's read. */
#include <pthread.h>

#include "e2e.h"

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int value;
static invisible_barrier_t both_in;

static void *bad_reader(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&rw);
  __tsan_testonly_barrier_wait(&both_in);
  value = 1; /* RACE */
  pthread_rwlock_unlock(&rw);
  return 0;
}

static void *reader(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&rw);
  __tsan_testonly_barrier_wait(&both_in);
  int v = value; /* RACE */
  pthread_rwlock_unlock(&rw);
  return (void *)(long)v;
}

int main(void) {
  __tsan_testonly_barrier_init(&both_in, 2);
  pthread_t a, b;
  pthread_create(&a, 0, bad_reader, 0);
  pthread_create(&b, 0, reader, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
