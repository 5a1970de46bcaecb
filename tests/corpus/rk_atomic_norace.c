/* SPDX-License-Identifier: MIT */
// expect: norace
/* A seq_cst atomic store happens before a load that observes it. */
#include <racekit/racekit.h>
#include <sched.h>

int data;
static rk_atomic_i64 ready = RK_ATOMIC_INIT(0);
static rk_atomic_ptr box = RK_ATOMIC_INIT(NULL);

static void producer(void *arg) {
  int *p = arg;
  *p = 7;
  rk_atomic_ptr_store(&box, p); /* pairs with the load in main */
  data = 42;
  rk_atomic_i64_store(&ready, 1); /* pairs with the load in main */
}

int main(void) {
  static int cell;
  rk_go(producer, &cell);
  while (rk_atomic_i64_load(&ready) == 0) sched_yield();
  int *p = rk_atomic_ptr_load(&box);
  return data == 42 && *p == 7 ? 0 : 1;
}
