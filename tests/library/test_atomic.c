/* SPDX-License-Identifier: MIT */
/* rk_atomic_i64 and rk_atomic_ptr: Go's sync/atomic results. */
#include "rk_test.h"

Test(atomic, i64_operations) {
  rk_atomic_i64 a = RK_ATOMIC_INIT(5);
  cr_assert_eq(rk_atomic_i64_load(&a), 5);
  rk_atomic_i64_store(&a, -3);
  cr_assert_eq(rk_atomic_i64_load(&a), -3);
  cr_assert_eq(rk_atomic_i64_add(&a, 10), 7, "add returns the new value");
  cr_assert_eq(rk_atomic_i64_add(&a, -7), 0);
  cr_assert_eq(rk_atomic_i64_swap(&a, 42), 0, "swap returns the old value");
  cr_assert_eq(rk_atomic_i64_load(&a), 42);
  cr_assert(rk_atomic_i64_cas(&a, 42, 43));
  cr_assert_eq(rk_atomic_i64_load(&a), 43);
  cr_assert_not(rk_atomic_i64_cas(&a, 42, 44), "cas with a stale old value");
  cr_assert_eq(rk_atomic_i64_load(&a), 43);
  rk_atomic_i64_store(&a, INT64_MAX);
  cr_assert_eq(rk_atomic_i64_load(&a), INT64_MAX);
}

Test(atomic, ptr_operations) {
  int x, y;
  rk_atomic_ptr p = RK_ATOMIC_INIT(NULL);
  cr_assert_null(rk_atomic_ptr_load(&p));
  rk_atomic_ptr_store(&p, &x);
  cr_assert_eq(rk_atomic_ptr_load(&p), &x);
  cr_assert_eq(rk_atomic_ptr_swap(&p, &y), &x);
  cr_assert_eq(rk_atomic_ptr_load(&p), &y);
  cr_assert_not(rk_atomic_ptr_cas(&p, &x, NULL));
  cr_assert(rk_atomic_ptr_cas(&p, &y, NULL));
  cr_assert_null(rk_atomic_ptr_load(&p));
}

typedef struct adders {
  rk_atomic_i64 sum;
  rk_atomic_i64 cas_sum;
  rk_waitgroup wg;
} adders;

static void add_many(void *arg) {
  adders *a = arg;
  for (int i = 0; i < 100000; i++) {
    rk_atomic_i64_add(&a->sum, 1);
    int64_t old;
    do
      old = rk_atomic_i64_load(&a->cas_sum);
    while (!rk_atomic_i64_cas(&a->cas_sum, old, old + 2));
  }
  rk_wg_done(&a->wg);
}

Test(atomic, concurrent_add_and_cas_lose_nothing, .timeout = 30) {
  static adders a = {RK_ATOMIC_INIT(0), RK_ATOMIC_INIT(0), RK_WAITGROUP_INIT};
  rk_wg_add(&a.wg, 4);
  for (int i = 0; i < 4; i++)
    rk_go(add_many, &a);
  rk_wg_wait(&a.wg);
  cr_assert_eq(rk_atomic_i64_load(&a.sum), 400000);
  cr_assert_eq(rk_atomic_i64_load(&a.cas_sum), 800000);
}
