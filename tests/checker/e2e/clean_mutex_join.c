/* SPDX-License-Identifier: MIT */
/* expect: clean — a counter under a mutex, a result published by join,
   memory handed to the child at creation. */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg) {
  long *res = arg;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  res[1] = res[0] * 2; /* ordered: created after res[0] was written, joined before it is read */
  return 0;
}

int main(void) {
  pthread_t t[4];
  long *res[4];
  for (int i = 0; i < 4; i++) {
    res[i] = malloc(2 * sizeof(long));
    res[i][0] = i;
    pthread_create(&t[i], 0, work, res[i]);
  }
  long sum = 0;
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], 0);
    sum += res[i][1];
    free(res[i]);
  }
  return counter == 4000 && sum == 12 ? 0 : 1;
}
