/* SPDX-License-Identifier: MIT */
/* Captured-log source: two distinct races (a global counter written by two
 * threads, a heap field read by main while a thread writes it), several
 * threads, and the program's own output on stderr between the reports. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int counter;

struct box {
  long value;
};

static void *bump(void *arg)
{
  (void)arg;
  counter++;
  return NULL;
}

static void *fill(void *arg)
{
  struct box *b = arg;
  b->value = 42;
  return NULL;
}

int main(void)
{
  pthread_t t[3];
  struct box *b = malloc(sizeof *b);
  b->value = 0;
  fprintf(stderr, "starting\n");
  pthread_create(&t[0], NULL, bump, NULL);
  pthread_create(&t[1], NULL, bump, NULL);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);
  fprintf(stderr, "counter=%d\n", counter);
  pthread_create(&t[2], NULL, fill, b);
  long v = b->value;
  pthread_join(t[2], NULL);
  fprintf(stderr, "value=%ld\n", v);
  free(b);
  return 0;
}
