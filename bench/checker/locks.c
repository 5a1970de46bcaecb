/* SPDX-License-Identifier: MIT */
/* Benchmark shape "lock-heavy": four threads increment counters, each
 * guarded by one of eight mutexes, with a little work per critical
 * section. The checker's cost per lock acquire/release.
 * Usage: locks [ITERS_PER_THREAD] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 4, LOCKS = 8 };
static pthread_mutex_t mu[LOCKS];
static long counter[LOCKS][8]; /* counter[i] guarded by mu[i] */
static long iters = 6000000;

static void *worker(void *arg) {
  unsigned x = (unsigned)(long)arg * 2654435761u + 1;
  for (long k = 0; k < iters; k++) {
    x = x * 1103515245u + 12345u;
    unsigned i = (x >> 16) % LOCKS;
    pthread_mutex_lock(&mu[i]);
    counter[i][k & 7] += k;
    counter[i][0]++;
    pthread_mutex_unlock(&mu[i]);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) iters = atol(argv[1]);
  for (int i = 0; i < LOCKS; i++) pthread_mutex_init(&mu[i], NULL);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  long sum = 0;
  for (int i = 0; i < LOCKS; i++)
    for (int j = 0; j < 8; j++) sum += counter[i][j];
  printf("locks %ld\n", sum);
  return 0;
}
