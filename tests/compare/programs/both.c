/* SPDX-License-Identifier: MIT */
/* compare test: a race every tool finds. A thread writes `shared` while
 * main reads it, with nothing ordering the two. */
#include <pthread.h>
#include <stdio.h>

static int shared;

static void *writer(void *arg)
{
  (void)arg;
  shared = 1; /* the write */
  return NULL;
}

int main(void)
{
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  int seen = shared; /* the read */
  pthread_join(t, NULL);
  printf("%d\n", seen);
  return 0;
}
