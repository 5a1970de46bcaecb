/* SPDX-License-Identifier: MIT */
// expect: norace
/* A release store read by an acquire load: the write to data happens
   before the read. */
#include <sched.h>
#include <stdatomic.h>

#include "corpus.h"

int data;
_Atomic int flag;

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  atomic_store_explicit(&flag, 1, memory_order_release); /* pairs with the acquire in main */
  return NULL;
}

int main(void) {
  pthread_t t = spawn(producer, NULL);
  while (!atomic_load_explicit(&flag, memory_order_acquire)) sched_yield();
  int got = data;
  join(t);
  return got == 42 ? 0 : 1;
}
