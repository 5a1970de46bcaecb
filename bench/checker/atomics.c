/* SPDX-License-Identifier: MIT */
/* Benchmark shape "atomics": two threads hammer shared atomic counters
 * with fetch_add, compare-exchange, relaxed loads and release/acquire
 * pairs. The checker's cost per atomic operation.
 * Usage: atomics [ITERS_PER_THREAD] */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 2 };
static _Atomic long hits, maxseen;
static _Atomic long slots[16];
static long iters = 10000000;

static void *worker(void *arg) {
  long id = (long)arg;
  for (long k = 0; k < iters; k++) {
    long v = atomic_fetch_add_explicit(&hits, 1, memory_order_relaxed);
    atomic_store_explicit(&slots[(k + id) & 15], v, memory_order_release);
    long s = atomic_load_explicit(&slots[(k + 7) & 15], memory_order_acquire);
    long m = atomic_load_explicit(&maxseen, memory_order_relaxed);
    if (s > m) atomic_compare_exchange_weak(&maxseen, &m, s);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) iters = atol(argv[1]);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  printf("atomics %ld\n", atomic_load(&hits));
  return 0;
}
