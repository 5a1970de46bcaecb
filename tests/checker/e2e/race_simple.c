/* SPDX-License-Identifier: MIT */
/* expect: race 1 — a global written by two threads, no synchronization. */
#include <pthread.h>

int shared;

static void *child(void *arg) {
  (void)arg;
  shared = 1; /* RACE */
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, child, 0);
  shared = 2; /* RACE */
  pthread_join(t, 0);
  return 0;
}
