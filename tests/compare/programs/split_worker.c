/* SPDX-License-Identifier: MIT */
/* compare test: the other file of split_main.c. */
#include <sched.h>
#include <stdatomic.h>
_Alignas(64) long progress;
_Alignas(64) atomic_int written, seen_it; /* relaxed: they order in time only */
void *split_worker(void *arg)
{
  (void)arg;
  progress = 1; /* the write */
  atomic_store_explicit(&written, 1, memory_order_relaxed);
  while (!atomic_load_explicit(&seen_it, memory_order_relaxed)) sched_yield();
  return NULL;
}
