/* SPDX-License-Identifier: MIT */
// expect: norace
/* Release sequences (C11 5.1.2.4p10): the producer's release store heads a
   release sequence that a relaxed read-modify-write by another thread
   continues; an acquire load reading the RMW's value synchronizes with
   the producer. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_store_explicit(&flag, 1, memory_order_release); /* heads the release sequence */
  return NULL;
}

static void *bumper(void *arg) {
  (void)arg;
  while (atomic_load_explicit(&flag, memory_order_relaxed) != 1) sched_yield();
  atomic_fetch_add_explicit(&flag, 1, memory_order_relaxed); /* continues it */
  return NULL;
}

int main(void) {
  pthread_t p = spawn(producer, NULL), b = spawn(bumper, NULL);
  /* Spin relaxed (an acquire load that read 1 would synchronize with the
     producer directly), then acquire once: that load reads 2. */
  while (atomic_load_explicit(&flag, memory_order_relaxed) != 2) sched_yield();
  (void)atomic_load_explicit(&flag, memory_order_acquire);
  int got = data; /* ordered after the producer's write through the RMW */
  join(p);
  join(b);
  return got == 42 ? 0 : 1;
}
