/* SPDX-License-Identifier: MIT */
/* expect: race 1 — atomics never race with atomics (the counter), but an
   atomic store and a plain read of one location do. */
#include <pthread.h>
#include <stdatomic.h>

static atomic_long counter;
static long mixed;

static void *a(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
  __atomic_store_n(&mixed, 1, __ATOMIC_RELAXED); /* RACE */
  return 0;
}

static void *b(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
  return (void *)mixed; /* RACE */
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, a, 0);
  pthread_create(&y, 0, b, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return atomic_load(&counter) == 200 ? 0 : 1;
}
