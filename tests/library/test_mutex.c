/* SPDX-License-Identifier: MIT */
/* rk_mutex: zero value, lock/unlock/trylock, mutual exclusion, unlocking
   from another goroutine. (The fatal unlock is in test_panic.c.) */
#include "rk_test.h"

Test(mutex, zero_value_is_unlocked, .timeout = 10) {
  rk_mutex mu;
  memset(&mu, 0, sizeof mu);
  cr_assert(rk_mutex_trylock(&mu));
  rk_mutex_unlock(&mu);
  rk_mutex mu2 = RK_MUTEX_INIT;
  rk_mutex_lock(&mu2);
  rk_mutex_unlock(&mu2);
}

Test(mutex, trylock, .timeout = 10) {
  rk_mutex mu = RK_MUTEX_INIT;
  cr_assert(rk_mutex_trylock(&mu));
  cr_assert_not(rk_mutex_trylock(&mu));
  rk_mutex_unlock(&mu);
  cr_assert(rk_mutex_trylock(&mu));
  rk_mutex_unlock(&mu);
}

typedef struct counter {
  rk_mutex mu;
  long value; /* guarded by mu */
  rk_waitgroup wg;
  int iters;
} counter;

static void increment(void *arg) {
  counter *c = arg;
  for (int i = 0; i < c->iters; i++) {
    rk_mutex_lock(&c->mu);
    long v = c->value;
    if (i % 64 == 0)
      sched_yield(); /* widen the window a broken lock would expose */
    c->value = v + 1;
    rk_mutex_unlock(&c->mu);
  }
  rk_wg_done(&c->wg);
}

Test(mutex, mutual_exclusion, .timeout = 30) {
  static counter c = {.mu = RK_MUTEX_INIT, .wg = RK_WAITGROUP_INIT, .iters = 20000};
  rk_wg_add(&c.wg, 4);
  for (int i = 0; i < 4; i++)
    rk_go(increment, &c);
  rk_wg_wait(&c.wg);
  cr_assert_eq(c.value, 4 * 20000);
}

typedef struct blocked_locker {
  rk_mutex *mu;
  atomic_int locked;
  atomic_int finished; /* the goroutine no longer touches b or *mu */
} blocked_locker;

static void lock_and_flag(void *arg) {
  blocked_locker *b = arg;
  rk_mutex_lock(b->mu);
  rkt_signal(&b->locked);
  rk_mutex_unlock(b->mu);
  rkt_signal(&b->finished);
}

Test(mutex, lock_blocks_while_held, .timeout = 10) {
  rk_mutex mu = RK_MUTEX_INIT;
  blocked_locker b = {&mu, 0, 0};
  rk_mutex_lock(&mu);
  rk_go(lock_and_flag, &b);
  for (int i = 0; i < 20000; i++) {
    sched_yield();
    cr_assert_eq(atomic_load(&b.locked), 0, "lock acquired while held");
  }
  rk_mutex_unlock(&mu);
  rkt_wait(&b.locked);
  /* b and mu live in this frame: the goroutine still reads b->mu and
     unlocks mu after it flagged `locked` */
  rkt_wait(&b.finished);
}

/* As in Go, a mutex is not owned: another goroutine may unlock it. */
static void unlock_other(void *arg) { rk_mutex_unlock((rk_mutex *)arg); }

Test(mutex, unlock_from_another_goroutine, .timeout = 10) {
  rk_mutex mu = RK_MUTEX_INIT;
  rk_mutex_lock(&mu);
  rk_go(unlock_other, &mu);
  rk_mutex_lock(&mu); /* returns once the goroutine unlocked */
  rk_mutex_unlock(&mu);
}

Test(mutex, plain_functions, .timeout = 10) {
  void (*lock)(rk_mutex *) = (rk_mutex_lock);
  void (*unlock)(rk_mutex *) = (rk_mutex_unlock);
  rk_mutex mu = RK_MUTEX_INIT;
  lock(&mu);
  cr_assert_not(rk_mutex_trylock(&mu));
  unlock(&mu);
  cr_assert(rk_mutex_trylock(&mu));
  unlock(&mu);
}
