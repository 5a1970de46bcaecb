/* SPDX-License-Identifier: MIT */
// expect: norace
/* The try and timed forms of pthread_rwlock that succeed acquire like
   rdlock and wrlock: a writer using trywrlock/timedwrlock, readers using
   tryrdlock/timedrdlock. */
#include <sched.h>
#include <time.h>

#include "corpus.h"

enum { READERS = 2, ITERS = 300 };
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
long value;         /* guarded by rw */
long seen[READERS]; /* each slot owned by one thread until joined */

static struct timespec soon(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_sec += 10;
  return t;
}

static void *reader(void *arg) {
  long i = (long)arg;
  for (int k = 0; k < ITERS; k++) {
    if (k % 2) {
      while (pthread_rwlock_tryrdlock(&rw) != 0) sched_yield();
    } else {
      struct timespec d = soon();
      if (pthread_rwlock_timedrdlock(&rw, &d) != 0) exit(3);
    }
    seen[i] += value;
    pthread_rwlock_unlock(&rw);
  }
  return NULL;
}

static void *writer(void *arg) {
  (void)arg;
  for (int k = 0; k < ITERS; k++) {
    if (k % 2) {
      while (pthread_rwlock_trywrlock(&rw) != 0) sched_yield();
    } else {
      struct timespec d = soon();
      if (pthread_rwlock_timedwrlock(&rw, &d) != 0) exit(3);
    }
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
