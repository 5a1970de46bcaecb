/* SPDX-License-Identifier: MIT */
/* Benchmark shape "thread churn": many short-lived threads, created and
 * joined in waves of four, each doing a little work on its own slice and
 * on a result slot ordered by the join. The checker's cost per thread.
 * Usage: churn [THREADS_TOTAL] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { WAVE = 4, SLICE = 256 };
static long data[WAVE][SLICE];
static long result[WAVE]; /* slot i: one thread at a time, ordered by joins */

static void *work(void *arg) {
  long i = (long)arg;
  long s = 0;
  for (int k = 0; k < SLICE; k++) {
    data[i][k] += k;
    s += data[i][k];
  }
  result[i] += s & 0xffff;
  return NULL;
}

int main(int argc, char **argv) {
  long total = argc > 1 ? atol(argv[1]) : 12000;
  pthread_t t[WAVE];
  for (long done = 0; done < total; done += WAVE) {
    for (long i = 0; i < WAVE; i++) pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < WAVE; i++) pthread_join(t[i], NULL);
  }
  long sum = 0;
  for (int i = 0; i < WAVE; i++) sum += result[i];
  printf("churn %ld\n", sum);
  return 0;
}
