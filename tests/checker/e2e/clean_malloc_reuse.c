/* SPDX-License-Identifier: MIT */
/* expect: clean — freed memory is new memory: a block freed by one thread
   and handed out again by malloc to another, unordered thread does not
   race with its previous life. Large blocks are mmapped and unmapped by
   glibc, so the second allocation gets the same address; exit 77 (skip)
   if it does not. */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>

#include "e2e.h"

enum { SIZE = 1 << 20 };
static invisible_barrier_t freed;
static char *first;
static char *second;

static void *old_life(void *arg) {
  (void)arg;
  first = malloc(SIZE);
  for (int i = 0; i < SIZE; i += 4096)
    first[i] = 1;
  free(first);
  __tsan_testonly_barrier_wait(&freed);
  return 0;
}

static void *new_life(void *arg) {
  (void)arg;
  __tsan_testonly_barrier_wait(&freed); /* after the free in time only */
  second = malloc(SIZE);
  for (int i = 0; i < SIZE; i += 4096)
    second[i] = 2;
  free(second);
  return 0;
}

int main(void) {
  mallopt(M_MMAP_THRESHOLD, 64 << 10);
  __tsan_testonly_barrier_init(&freed, 2);
  pthread_t a, b;
  pthread_create(&a, 0, old_life, 0);
  pthread_create(&b, 0, new_life, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return first == second ? 0 : 77;
}
