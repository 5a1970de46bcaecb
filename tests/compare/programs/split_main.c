/* SPDX-License-Identifier: MIT */
/* compare test: a program of two files; the race is between a write in
 * split_worker.c and a read here. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
extern long progress;
extern atomic_int written, seen_it;
void *split_worker(void *arg);
int main(void)
{ pthread_t t; pthread_create(&t, NULL, split_worker, NULL);
  while (!atomic_load_explicit(&written, memory_order_relaxed)) sched_yield();
  long seen = progress; /* the read */
  atomic_store_explicit(&seen_it, 1, memory_order_relaxed);
  pthread_join(t, NULL);
  printf("%ld\n", seen);
  return 0;
}
