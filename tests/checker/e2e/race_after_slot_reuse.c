/* SPDX-License-Identifier: MIT */
/* expect: race 1 — slot reuse must not order what is not ordered: many
   threads come and go (their slots are reused), then a thread writes a
   global that an earlier, still running thread wrote without any
   synchronization with it. */
#include <pthread.h>

#include "e2e.h"

int g;
static invisible_barrier_t wrote;

static void *early(void *arg) {
  (void)arg;
  g = 1; /* RACE */
  __tsan_testonly_barrier_wait(&wrote);
  return 0;
}

static void *nothing(void *arg) { return arg; }

static void *late(void *arg) {
  (void)arg;
  __tsan_testonly_barrier_wait(&wrote);
  g = 2; /* RACE */
  return 0;
}

int main(void) {
  __tsan_testonly_barrier_init(&wrote, 2);
  pthread_t e, l, t;
  pthread_create(&e, 0, early, 0);
  for (int i = 0; i < 200; i++) {
    pthread_create(&t, 0, nothing, 0);
    pthread_join(t, 0);
  }
  pthread_create(&l, 0, late, 0);
  pthread_join(e, 0);
  pthread_join(l, 0);
  return 0;
}
