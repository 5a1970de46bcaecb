/* SPDX-License-Identifier: MIT */
/* Captured-log source: four threads race on counters from inside qsort and
 * bsearch comparators, so the stacks hold frames of an uninstrumented library
 * without source locations; the program prints on stdout meanwhile. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long compares;
static long lookups;

static int by_value(const void *a, const void *b)
{
  compares++;
  return *(const int *)a - *(const int *)b;
}

static int by_key(const void *a, const void *b)
{
  lookups++;
  return *(const int *)a - *(const int *)b;
}

static void *sorter(void *arg)
{
  int v[8] = {5, 3, 7, 1, 8, 2, 6, 4};
  qsort(v, 8, sizeof v[0], by_value);
  int key = 6;
  bsearch(&key, v, 8, sizeof v[0], by_key);
  printf("sorter %ld done\n", (long)arg);
  fflush(stdout);
  return NULL;
}

int main(void)
{
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, sorter, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("compares=%ld\n", compares);
  return 0;
}
