/* SPDX-License-Identifier: MIT */
/* Test demo: two threads increment one counter without a lock. */
#include <pthread.h>
#include <stdio.h>

enum { N = 100000 };

static long counter;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < N; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %ld (expected %d)\n", counter, 2 * N);
  return 0;
}
