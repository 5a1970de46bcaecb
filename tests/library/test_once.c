/* SPDX-License-Identifier: MIT */
/* rk_once: fn runs exactly once, every caller returns after it returned. */
#include "rk_test.h"

static atomic_int runs;
static atomic_int finished; /* set by init as its last act */

static void slow_init(void) {
  atomic_fetch_add(&runs, 1);
  for (int i = 0; i < 2000; i++)
    sched_yield();
  atomic_store(&finished, 1);
}

typedef struct caller {
  rk_once *once;
  atomic_int saw_unfinished;
  rk_waitgroup wg;
} caller;

static void call_once(void *arg) {
  caller *c = arg;
  rk_once_do(c->once, slow_init);
  if (!atomic_load(&finished))
    atomic_fetch_add(&c->saw_unfinished, 1);
  rk_wg_done(&c->wg);
}

Test(once, runs_exactly_once_and_callers_wait, .timeout = 20) {
  static rk_once once = RK_ONCE_INIT;
  static caller c = {.once = &once, .wg = RK_WAITGROUP_INIT};
  rk_wg_add(&c.wg, 8);
  for (int i = 0; i < 8; i++)
    rk_go(call_once, &c);
  rk_wg_wait(&c.wg);
  rk_once_do(&once, slow_init);
  cr_assert_eq(atomic_load(&runs), 1);
  cr_assert_eq(atomic_load(&c.saw_unfinished), 0,
               "rk_once_do returned before fn had returned");
}

static int counter_a, counter_b;
static void inc_a(void) { counter_a++; }
static void inc_b(void) { counter_b++; }

Test(once, zero_value_and_independent_onces, .timeout = 10) {
  rk_once o1, o2 = RK_ONCE_INIT;
  memset(&o1, 0, sizeof o1);
  for (int i = 0; i < 5; i++) {
    rk_once_do(&o1, inc_a);
    rk_once_do(&o2, inc_b);
    rk_once_do(&o2, inc_a); /* o2 already done: inc_a is not run */
  }
  cr_assert_eq(counter_a, 1);
  cr_assert_eq(counter_b, 1);
}

Test(once, plain_function, .timeout = 10) {
  void (*once_do)(rk_once *, void (*)(void)) = (rk_once_do);
  rk_once o = RK_ONCE_INIT;
  once_do(&o, inc_b);
  once_do(&o, inc_b);
  cr_assert_eq(counter_b, 1);
}
