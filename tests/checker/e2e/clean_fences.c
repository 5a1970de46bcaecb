/* SPDX-License-Identifier: MIT */
/* expect: clean — C11 fences: a release fence before a relaxed store
   synchronizes with an acquire fence after a relaxed load that reads it
   (ThreadSanitizer reports a false race here). */
#include <pthread.h>
#include <stdatomic.h>

static int data;
static atomic_int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  return 0;
}

static void *consumer(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&flag, memory_order_relaxed))
    ;
  atomic_thread_fence(memory_order_acquire);
  return (void *)(long)(data == 42);
}

int main(void) {
  pthread_t p, c;
  void *ok;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, &ok);
  return ok ? 0 : 1;
}
