/* SPDX-License-Identifier: MIT */
/* compare test: a race every tool finds. A thread writes `shared`, main reads
 * it; relaxed flags (no edge for any checker) only order them in time. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
static _Alignas(64) int shared; /* a line of its own: see tests/library/hb/hb.h */
static _Alignas(64) atomic_int written, seen_it;
static void *writer(void *arg)
{ (void)arg;
  shared = 1; /* the write */
  atomic_store_explicit(&written, 1, memory_order_relaxed);
  while (!atomic_load_explicit(&seen_it, memory_order_relaxed)) sched_yield();
  return NULL;
}
int main(void)
{ pthread_t t; pthread_create(&t, NULL, writer, NULL);
  while (!atomic_load_explicit(&written, memory_order_relaxed)) sched_yield();
  int seen = shared; /* the read */
  atomic_store_explicit(&seen_it, 1, memory_order_relaxed);
  pthread_join(t, NULL);
  printf("%d\n", seen);
  return 0;
}
