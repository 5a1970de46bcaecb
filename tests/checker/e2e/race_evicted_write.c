/* SPDX-License-Identifier: MIT */
/* expect: race 1 — ThreadSanitizer keeps 4 accesses per 8 bytes: a write,
   then eight reads ordered after it by other threads, then one read that
   is not ordered after it. The eight reads evict the write from TSan's
   shadow; racekit keeps every access that can still race. */
#include <pthread.h>
#include <semaphore.h>

#include "e2e.h"

enum { NREADERS = 8 };
static int x;
static sem_t go;
static invisible_barrier_t reads_done;

static void *writer(void *arg) {
  (void)arg;
  x = 42; /* RACE */
  for (int i = 0; i < NREADERS; i++)
    sem_post(&go); /* orders the write before each reader */
  return 0;
}

static void *reader(void *arg) {
  (void)arg;
  sem_wait(&go);
  int v = x;
  __tsan_testonly_barrier_wait(&reads_done);
  return (void *)(long)v;
}

static void *late(void *arg) {
  (void)arg;
  __tsan_testonly_barrier_wait(&reads_done); /* after the reads in time, not in happens-before */
  int v = x; /* RACE */
  return (void *)(long)v;
}

int main(void) {
  pthread_t w, r[NREADERS], l;
  sem_init(&go, 0, 0);
  __tsan_testonly_barrier_init(&reads_done, NREADERS + 1);
  pthread_create(&l, 0, late, 0);
  for (int i = 0; i < NREADERS; i++)
    pthread_create(&r[i], 0, reader, 0);
  pthread_create(&w, 0, writer, 0);
  pthread_join(w, 0);
  for (int i = 0; i < NREADERS; i++)
    pthread_join(r[i], 0);
  pthread_join(l, 0);
  return 0;
}
