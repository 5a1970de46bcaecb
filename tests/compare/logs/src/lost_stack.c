/* SPDX-License-Identifier: MIT */
/* Captured-log source: the earlier access is followed by so many calls in
 * its thread that ThreadSanitizer's trace no longer holds its stack, so it
 * prints "[failed to restore the stack]". The two threads are ordered only
 * by a relaxed atomic, which is no happens-before edge. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static long shared;
static _Atomic int stage;
static volatile long sink;

__attribute__((noinline)) static void step(long i)
{
  sink += i;
}

static void *first(void *arg)
{
  (void)arg;
  shared = 1;
  for (long i = 0; i < 3000000; i++)
    step(i);
  atomic_store_explicit(&stage, 1, memory_order_relaxed);
  while (atomic_load_explicit(&stage, memory_order_relaxed) != 2)
    ;
  return NULL;
}

int main(void)
{
  pthread_t t;
  pthread_create(&t, NULL, first, NULL);
  while (atomic_load_explicit(&stage, memory_order_relaxed) != 1)
    ;
  shared = 2;
  atomic_store_explicit(&stage, 2, memory_order_relaxed);
  pthread_join(t, NULL);
  printf("%ld\n", shared);
  return 0;
}
