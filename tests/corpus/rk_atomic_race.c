/* SPDX-License-Identifier: MIT */
// expect: race 18 27
/* The flag is stored before the data is written: observing the flag
   orders nothing about the later write. */
#include <racekit/racekit.h>
#include <sched.h>

#include "corpus.h"

int data;
int sink;
static rk_atomic_i64 ready = RK_ATOMIC_INIT(0);
static corpus_barrier bar;

static void producer(void *arg) {
  (void)arg;
  rk_atomic_i64_store(&ready, 1);
  data = 42; /* R1 */
  invisible_barrier_wait(&bar);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_go(producer, NULL);
  while (rk_atomic_i64_load(&ready) == 0) sched_yield();
  invisible_barrier_wait(&bar);
  sink = data; /* R2 */
  return 0;
}
