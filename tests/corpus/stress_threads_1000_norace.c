/* SPDX-License-Identifier: MIT */
// expect: norace
/* 1,000 threads alive at once: each writes its slot, all meet at one
   pthread barrier, then each reads a neighbour's slot. */
#include "corpus.h"

enum { THREADS = 1000 };
static pthread_barrier_t all;
long slot[THREADS];
long seen[THREADS];

static void *worker(void *arg) {
  long i = (long)arg;
  slot[i] = i;
  pthread_barrier_wait(&all); /* every thread is alive here */
  seen[i] = slot[(i + 1) % THREADS];
  return NULL;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_barrier_init(&all, NULL, THREADS);
  static pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    if (pthread_create(&t[i], &attr, worker, (void *)i) != 0) return 3;
  for (int i = 0; i < THREADS; i++) join(t[i]);
  pthread_barrier_destroy(&all);
  pthread_attr_destroy(&attr);
  for (long i = 0; i < THREADS; i++)
    if (seen[i] != (i + 1) % THREADS) return 1;
  return 0;
}
