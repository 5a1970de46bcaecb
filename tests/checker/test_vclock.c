/* SPDX-License-Identifier: MIT */
/* Unit tests of the checker's vector clocks (instrumentation/vclock.c). */
#include <criterion/criterion.h>

#include "vclock.h"

Test(vclock, get_past_the_end_is_zero, .timeout = 5) {
  rkc__vc v = {0};
  cr_assert_eq(rkc__vc_get(&v, 0), 0);
  cr_assert_eq(rkc__vc_get(&v, 1000), 0);
  rkc__vc_set(&v, 3, 7);
  cr_assert_eq(v.n, 4);
  cr_assert_eq(rkc__vc_get(&v, 3), 7);
  cr_assert_eq(rkc__vc_get(&v, 2), 0);
  cr_assert_eq(rkc__vc_get(&v, 4), 0);
  rkc__vc_free(&v);
}

Test(vclock, set_grows_and_keeps_entries, .timeout = 5) {
  rkc__vc v = {0};
  for (uint32_t i = 0; i < 5000; i += 7)
    rkc__vc_set(&v, i, i + 1);
  for (uint32_t i = 0; i < 5000; i++)
    cr_assert_eq(rkc__vc_get(&v, i), i % 7 == 0 ? i + 1 : 0, "slot %u", i);
  rkc__vc_free(&v);
}

Test(vclock, join_is_elementwise_max, .timeout = 5) {
  rkc__vc a = {0}, b = {0};
  rkc__vc_set(&a, 0, 5);
  rkc__vc_set(&a, 1, 1);
  rkc__vc_set(&b, 1, 4);
  rkc__vc_set(&b, 2, 9);
  cr_assert(rkc__vc_join(&a, &b));
  cr_assert_eq(a.n, 3);
  cr_assert_eq(rkc__vc_get(&a, 0), 5);
  cr_assert_eq(rkc__vc_get(&a, 1), 4);
  cr_assert_eq(rkc__vc_get(&a, 2), 9);
  cr_assert_not(rkc__vc_join(&a, &b), "joining again changes nothing");
  rkc__vc_free(&a);
  rkc__vc_free(&b);
}

Test(vclock, leq_orders_clocks, .timeout = 5) {
  rkc__vc a = {0}, b = {0};
  rkc__vc_set(&a, 0, 1);
  rkc__vc_set(&b, 0, 2);
  rkc__vc_set(&b, 5, 1);
  cr_assert(rkc__vc_leq(&a, &b));
  cr_assert_not(rkc__vc_leq(&b, &a));
  rkc__vc_set(&a, 3, 1);
  cr_assert_not(rkc__vc_leq(&a, &b), "concurrent clocks");
  cr_assert_not(rkc__vc_leq(&b, &a));
  rkc__vc_free(&a);
  rkc__vc_free(&b);
}

Test(vclock, copy_and_clear, .timeout = 5) {
  rkc__vc a = {0}, b = {0};
  rkc__vc_set(&a, 2, 3);
  rkc__vc_set(&b, 9, 9);
  rkc__vc_copy(&b, &a);
  cr_assert_eq(b.n, 3);
  cr_assert_eq(rkc__vc_get(&b, 2), 3);
  cr_assert_eq(rkc__vc_get(&b, 9), 0, "copy replaces, does not join");
  rkc__vc_clear(&b);
  cr_assert_eq(rkc__vc_get(&b, 2), 0);
  rkc__vc_free(&a);
  rkc__vc_free(&b);
}

Test(vclock, lent_storage_is_used_then_outgrown, .timeout = 5) {
  uint32_t buf[4] = {0};
  rkc__vc a, b = {0};
  rkc__vc_lend(&a, buf, 4);
  rkc__vc_set(&a, 3, 7);
  cr_assert_eq(a.c, buf, "four entries fit the lent storage");
  cr_assert_eq(buf[3], 7u);
  rkc__vc_set(&b, 9, 5);
  rkc__vc_join(&a, &b); /* ten entries: its own allocation */
  cr_assert_neq(a.c, buf);
  cr_assert_eq(rkc__vc_get(&a, 3), 7u, "kept across the move");
  cr_assert_eq(rkc__vc_get(&a, 9), 5u);
  buf[3] = 0; /* the owner's storage is no longer read */
  cr_assert_eq(rkc__vc_get(&a, 3), 7u);
  rkc__vc_free(&a);
  rkc__vc_free(&b);
  rkc__vc_lend(&a, buf, 4);
  rkc__vc_set(&a, 1, 2);
  rkc__vc_free(&a); /* gives nothing back: the storage was lent */
  cr_assert_null(a.c);
}
