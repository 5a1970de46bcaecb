/* SPDX-License-Identifier: MIT */
/* rk_waitgroup: add/done/wait, zero value, several waiters, reuse, add
   with a negative delta. (The negative-counter panic: test_panic.c.) */
#include "rk_test.h"

Test(waitgroup, wait_on_zero_returns_at_once, .timeout = 10) {
  rk_waitgroup wg;
  memset(&wg, 0, sizeof wg);
  rk_wg_wait(&wg);
  rk_waitgroup wg2 = RK_WAITGROUP_INIT;
  rk_wg_wait(&wg2);
}

typedef struct work {
  rk_waitgroup wg;
  atomic_int done;
} work;

static void worker(void *arg) {
  work *w = arg;
  for (int i = 0; i < 100; i++)
    sched_yield();
  atomic_fetch_add(&w->done, 1);
  rk_wg_done(&w->wg);
}

Test(waitgroup, waits_for_all, .timeout = 10) {
  static work w = {.wg = RK_WAITGROUP_INIT};
  rk_wg_add(&w.wg, 50);
  for (int i = 0; i < 50; i++)
    rk_go(worker, &w);
  rk_wg_wait(&w.wg);
  cr_assert_eq(atomic_load(&w.done), 50);
}

Test(waitgroup, add_one_at_a_time_and_reuse, .timeout = 10) {
  static work w = {.wg = RK_WAITGROUP_INIT};
  for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 10; i++) {
      rk_wg_add(&w.wg, 1);
      rk_go(worker, &w);
    }
    rk_wg_wait(&w.wg);
    cr_assert_eq(atomic_load(&w.done), 10 * round);
  }
}

typedef struct waiter {
  rk_waitgroup *wg;
  atomic_int released;
} waiter;

static void wait_then_flag(void *arg) {
  waiter *w = arg;
  rk_wg_wait(w->wg);
  atomic_fetch_add(&w->released, 1);
}

Test(waitgroup, releases_every_waiter, .timeout = 10) {
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  waiter w = {&wg, 0};
  rk_wg_add(&wg, 1);
  for (int i = 0; i < 4; i++)
    rk_go(wait_then_flag, &w);
  for (int i = 0; i < 5000; i++) {
    sched_yield();
    cr_assert_eq(atomic_load(&w.released), 0, "a waiter returned early");
  }
  rk_wg_done(&wg);
  rk_wg_wait(&wg);
  while (atomic_load(&w.released) < 4)
    sched_yield();
}

/* An rk_wg_add that brings the counter to zero releases waiters, as done. */
Test(waitgroup, negative_add_to_zero_releases, .timeout = 10) {
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  waiter w = {&wg, 0};
  rk_wg_add(&wg, 3);
  rk_go(wait_then_flag, &w);
  rk_wg_add(&wg, -2);
  rk_wg_done(&wg);
  rk_wg_wait(&wg);
  rkt_wait(&w.released);
}
