/* SPDX-License-Identifier: MIT */
/* Sync benchmarks: mutex lock+unlock uncontended and with 2 goroutines
   contending, once fast path, spawning 1,000 goroutines and waiting for
   them with a WaitGroup. */
#include "bench.h"

int64_t rkb_mutex_uncontended(long n) {
  static rk_mutex mu = RK_MUTEX_INIT;
  static long counter; /* guarded by mu */
  int64_t t0 = rkb_ns_now();
  for (long i = 0; i < n; i++) {
    rk_mutex_lock(&mu);
    counter++;
    rk_mutex_unlock(&mu);
  }
  return rkb_ns_now() - t0;
}

typedef struct contended {
  rk_mutex mu;
  long counter; /* guarded by mu */
  long per;
  rk_waitgroup wg;
} contended;

static void contender(void *arg) {
  contended *c = arg;
  for (long i = 0; i < c->per; i++) {
    rk_mutex_lock(&c->mu);
    c->counter++;
    rk_mutex_unlock(&c->mu);
  }
  rk_wg_done(&c->wg);
}

int64_t rkb_mutex_contended(long n) {
  static contended c;
  c = (contended){RK_MUTEX_INIT, 0, (n + 1) / 2, RK_WAITGROUP_INIT};
  int64_t t0 = rkb_ns_now();
  rk_wg_add(&c.wg, 2);
  rk_go(contender, &c);
  rk_go(contender, &c);
  rk_wg_wait(&c.wg);
  int64_t t = rkb_ns_now() - t0;
  return t * n / (2 * c.per);
}

static void init_nothing(void) {}

int64_t rkb_once_fastpath(long n) {
  static rk_once once = RK_ONCE_INIT;
  rk_once_do(&once, init_nothing);
  int64_t t0 = rkb_ns_now();
  for (long i = 0; i < n; i++)
    rk_once_do(&once, init_nothing);
  return rkb_ns_now() - t0;
}

static void done_at_once(void *arg) { rk_wg_done((rk_waitgroup *)arg); }

/* One op = spawn 1,000 goroutines and wait for all of them. */
int64_t rkb_spawn_1000_wait(long n) {
  static rk_waitgroup wg = RK_WAITGROUP_INIT;
  int64_t t0 = rkb_ns_now();
  for (long i = 0; i < n; i++) {
    rk_wg_add(&wg, 1000);
    for (int k = 0; k < 1000; k++)
      rk_go(done_at_once, &wg);
    rk_wg_wait(&wg);
  }
  return rkb_ns_now() - t0;
}
