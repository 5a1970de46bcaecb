/* SPDX-License-Identifier: MIT */
/* Test demo: a plain flag does not publish the data written before it. */
#include <pthread.h>
#include <stdio.h>

static int data;
static volatile int ready;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  ready = 1;
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  while (!ready) {
  }
  printf("data = %d\n", data);
  pthread_join(t, NULL);
  return 0;
}
