/* SPDX-License-Identifier: MIT */
/* expect: race 1 — a block freed by one thread while another thread's
   write to it is unordered with the free. */
#include <pthread.h>
#include <stdlib.h>

#include "e2e.h"

static int *block;
static invisible_barrier_t written;

static void *writer(void *arg) {
  (void)arg;
  block[2] = 1; /* RACE */
  __tsan_testonly_barrier_wait(&written);
  return 0;
}

int main(void) {
  __tsan_testonly_barrier_init(&written, 2);
  block = malloc(16 * sizeof(int));
  pthread_t t;
  pthread_create(&t, 0, writer, 0);
  __tsan_testonly_barrier_wait(&written);
  free(block); /* RACE */
  pthread_join(t, 0);
  return 0;
}
