/* SPDX-License-Identifier: MIT */
/* Test demo: a plain flag does not publish the data written before it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static int data;
static atomic_int ready;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_store_explicit(&ready, 1, memory_order_release);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  while (!atomic_load_explicit(&ready, memory_order_acquire)) {
  }
  printf("data = %d\n", data);
  pthread_join(t, NULL);
  return 0;
}
