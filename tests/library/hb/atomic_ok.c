/* SPDX-License-Identifier: MIT */
/* Row "a seq_cst atomic write happens before a seq_cst atomic read that
   observes it": the goroutine writes x then rk_atomic_i64_store; main
   spins on rk_atomic_i64_load until it sees the store, then reads x. Also
   the read-modify-write forms: add publishes y, cas publishes z. */
#include "hb.h"

HB_ISOLATED int x, y, z;
static rk_atomic_i64 flag = RK_ATOMIC_INIT(0);
static rk_atomic_i64 counter = RK_ATOMIC_INIT(0);
static rk_atomic_ptr ptr = RK_ATOMIC_INIT(NULL);

static void writer(void *arg) {
  (void)arg;
  x = 1;
  rk_atomic_i64_store(&flag, 1);
  y = 1;
  rk_atomic_i64_add(&counter, 1);
  z = 1;
  rk_atomic_ptr_cas(&ptr, NULL, &z);
}

int main(void) {
  rk_go(writer, NULL);
  while (rk_atomic_i64_load(&flag) == 0)
    sched_yield();
  hb_check(x == 1, "x published by the store");
  while (rk_atomic_i64_load(&counter) == 0)
    sched_yield();
  hb_check(y == 1, "y published by the add");
  int *p;
  while ((p = rk_atomic_ptr_load(&ptr)) == NULL)
    sched_yield();
  hb_check(*p == 1, "z published by the cas");
  return hb_ok();
}
