/* SPDX-License-Identifier: MIT */
/* expect: race 1 — two concurrent reads (FastTrack's read-shared state),
   then a write ordered after only the first of them: it races with the
   second, which happened earlier in time. */
#include <pthread.h>
#include <semaphore.h>

#include "e2e.h"

static int x = 5;
static sem_t after_first;
static invisible_barrier_t second_done;

static void *first(void *arg) {
  (void)arg;
  int v = x;
  sem_post(&after_first);
  return (void *)(long)v;
}

static void *second(void *arg) {
  (void)arg;
  int v = x; /* RACE */
  __tsan_testonly_barrier_wait(&second_done);
  return (void *)(long)v;
}

static void *writer(void *arg) {
  (void)arg;
  sem_wait(&after_first);
  __tsan_testonly_barrier_wait(&second_done);
  x = 6; /* RACE */
  return 0;
}

int main(void) {
  pthread_t a, b, w;
  sem_init(&after_first, 0, 0);
  __tsan_testonly_barrier_init(&second_done, 2);
  pthread_create(&a, 0, first, 0);
  pthread_create(&b, 0, second, 0);
  pthread_create(&w, 0, writer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(w, 0);
  return 0;
}
