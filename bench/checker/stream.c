/* SPDX-License-Identifier: MIT */
/* Benchmark shape "memory streaming": two threads stream over halves of
 * two large arrays (a = a * k + b), meeting at a barrier after each pass.
 * Mostly plain loads and stores: the checker's per-access cost.
 * Usage: stream [PASSES] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 1 << 21, THREADS = 2 };
static double *a, *b;                /* each half owned by one thread per pass */
static pthread_barrier_t pass_done;  /* orders the passes */
static int passes = 150;

static void *worker(void *arg) {
  long id = (long)arg;
  size_t lo = (size_t)id * N / THREADS, hi = (size_t)(id + 1) * N / THREADS;
  for (int p = 0; p < passes; p++) {
    for (size_t i = lo; i < hi; i++) a[i] = a[i] * 0.5 + b[i];
    pthread_barrier_wait(&pass_done);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) passes = atoi(argv[1]);
  a = malloc(N * sizeof *a);
  b = malloc(N * sizeof *b);
  if (!a || !b) return 1;
  for (size_t i = 0; i < N; i++) {
    a[i] = 0;
    b[i] = (double)(i % 1000);
  }
  pthread_barrier_init(&pass_done, NULL, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  double sum = 0;
  for (size_t i = 0; i < N; i += 97) sum += a[i];
  printf("stream %.3f\n", sum);
  free(a);
  free(b);
  return 0;
}
