/* SPDX-License-Identifier: MIT */
/* compare test: a race-free program. Four threads add to a counter under a
 * mutex; main reads it after joining them. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter; /* guarded by mu */

static void *adder(void *arg)
{
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

int main(void)
{
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, adder, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter);
  return 0;
}
