/* SPDX-License-Identifier: MIT */
/* compare test: a race-free program that exits with status 3 by itself
 * (after printing an error), as a failing program does. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int result;

static void *work(void *arg)
{
  (void)arg;
  result = 7;
  return NULL;
}

int main(void)
{
  pthread_t t;
  pthread_create(&t, NULL, work, NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "exit3: giving up with result %d\n", result);
  exit(3);
}
