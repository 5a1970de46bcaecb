/* SPDX-License-Identifier: MIT */
/* compare test: a program of two files; the race is between a write in
 * split_worker.c and a read here. */
#include <pthread.h>
#include <stdio.h>

extern long progress;
void *split_worker(void *arg);

int main(void)
{
  pthread_t t;
  pthread_create(&t, NULL, split_worker, NULL);
  long seen = progress; /* the read */
  pthread_join(t, NULL);
  printf("%ld\n", seen);
  return 0;
}
