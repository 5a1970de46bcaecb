/* SPDX-License-Identifier: MIT */
/* compare test: no race, but ThreadSanitizer reports one. `data` is
 * published with a release fence before a relaxed store and read after a
 * relaxed load and an acquire fence: by C11 7.17.4 the fences synchronize,
 * so the write of `data` happens before its read. ThreadSanitizer does not
 * model fences and reports a (false) race. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static int data;
static _Atomic int ready;

static void *producer(void *arg)
{
  (void)arg;
  data = 42;
  /* HB: this release fence pairs with the acquire fence in main(). */
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  return NULL;
}

int main(void)
{
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  while (atomic_load_explicit(&ready, memory_order_relaxed) == 0)
    ;
  /* HB: this acquire fence pairs with the release fence in producer(). */
  atomic_thread_fence(memory_order_acquire);
  int v = data;
  pthread_join(t, NULL);
  printf("%d\n", v);
  return 0;
}
