/* SPDX-License-Identifier: MIT */
/* expect: race 1 — the same hand-off as clean_fences.c without the
   acquire fence: the relaxed load alone creates no edge. */
#include <pthread.h>
#include <stdatomic.h>

static int data;
static atomic_int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42; /* RACE */
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return 0;
}

static void *consumer(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&flag, memory_order_relaxed))
    ;
  return (void *)(long)(data == 42); /* RACE */
}

int main(void) {
  pthread_t p, c;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, 0);
  return 0;
}
