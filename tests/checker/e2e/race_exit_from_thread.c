/* SPDX-License-Identifier: MIT */
/* expect: race 1 — a thread calls exit() while main is blocked: the exit
   hook runs on that thread, prints the summary and forces status 66. A
   thread that ends with pthread_exit is finished and joined normally. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "e2e.h"

int value;
static pthread_mutex_t never = PTHREAD_MUTEX_INITIALIZER;
static invisible_barrier_t wrote;

static void *quits(void *arg) {
  (void)arg;
  pthread_exit((void *)7);
}

static void *racer(void *arg) {
  (void)arg;
  __tsan_testonly_barrier_wait(&wrote);
  value = 2; /* RACE */
  exit(0);
}

int main(void) {
  pthread_t q, r;
  void *ret;
  pthread_create(&q, 0, quits, 0);
  pthread_join(q, &ret);
  if (ret != (void *)7)
    return 1;
  __tsan_testonly_barrier_init(&wrote, 2);
  pthread_mutex_lock(&never);
  pthread_create(&r, 0, racer, 0);
  value = 1; /* RACE */
  __tsan_testonly_barrier_wait(&wrote);
  pthread_mutex_lock(&never); /* blocks until the process exits */
  return 1;
}
