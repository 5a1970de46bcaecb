/* SPDX-License-Identifier: MIT */
/* rk_waitgroup: Go's sync.WaitGroup.
 *
 * DESIGN: as in Go, the counter (high 32 bits, signed) and the number of
 * waiters (low 32) are one atomic word, so the add that brings the counter
 * to zero learns from its own update whether anyone waits. A waiter counts
 * itself and queues itself in one hold of lk, and a counted waiter leaves
 * only when woken: so the waitgroup stays alive while its waker wakes
 * (the waiters are inside rk_wg_wait), and an add that finds no waiter
 * never touches it again (the caller of rk_wg_wait may free it at once).
 * A negative add releases the waitgroup's address; a wait that returns
 * acquires it. */
#include "internal.h"

typedef struct rk__wg {
  _Atomic uint64_t state; /* counter << 32 | waiters (seq_cst) */
  rk__lock lk;            /* guards q, and the waiters' half of state changing */
  rk__waitq q;
} rk__wg;
_Static_assert(sizeof(rk__wg) <= sizeof(rk_waitgroup), "rk_waitgroup storage too small");
_Static_assert(_Alignof(rk__wg) <= _Alignof(rk_waitgroup), "rk_waitgroup alignment");

static inline int32_t counter_of(uint64_t state) { return (int32_t)(uint32_t)(state >> 32); }
static inline uint32_t waiters_of(uint64_t state) { return (uint32_t)state; }

void rk_wg_add_at(rk_waitgroup *wgp, long delta, rk_srcloc where) {
  rk__wg *wg = (rk__wg *)wgp;
  if (delta < 0)
    /* HB release; pairs with the acquire in rk_wg_wait_at(). */
    rk__edge(RK_EV_WG_DONE, true, wgp, wgp, 0, where);
  const uint64_t d = (uint64_t)(uint32_t)(int32_t)delta << 32;
  const uint64_t old = atomic_fetch_add(&wg->state, d), state = old + d;
  const int64_t v = (int64_t)counter_of(old) + delta; /* unwrapped: checked below */
  if (v < 0 || v > INT32_MAX) {
    atomic_fetch_sub(&wg->state, d);
    rk_panic_at(where, v < 0 ? "sync: negative WaitGroup counter" : "sync: WaitGroup counter overflow");
  }
  if (v != 0 || waiters_of(state) == 0)
    return; /* not a single access to *wg from here on */
  /* The counter is zero with waiters: they are in q (counted and queued
     under lk) and cannot leave before we wake them. */
  rk__lock_acquire(&wg->lk);
  rk__waiter *list = NULL, *w;
  uint32_t n = 0;
  while ((w = rk__wq_pop(&wg->q)) != NULL) {
    w->wake_next = list;
    list = w;
    n++;
  }
  atomic_fetch_sub(&wg->state, n);
  rk__lock_release(&wg->lk);
  while (list) { /* the last unpark may let *wg go: read nothing of it */
    w = list;
    list = w->wake_next;
    rk__unpark(w->g);
  }
}

void rk_wg_done_at(rk_waitgroup *wg, rk_srcloc where) { rk_wg_add_at(wg, -1, where); }

void rk_wg_wait_at(rk_waitgroup *wgp, rk_srcloc where) {
  rk__wg *wg = (rk__wg *)wgp;
  uint64_t state = atomic_load(&wg->state);
  if (counter_of(state) != 0) {
    rk__g *g = rk__self();
    rk__waiter w = {0};
    w.g = g;
    bool queued = false;
    rk__lock_acquire(&wg->lk);
    state = atomic_load(&wg->state);
    while (counter_of(state) != 0) {
      if (atomic_compare_exchange_weak(&wg->state, &state, state + 1)) {
        rk__park_prepare(g);
        rk__wq_push(&wg->q, &w);
        queued = true;
        break;
      }
    }
    rk__lock_release(&wg->lk);
    if (queued)
      rk__park(g, RK__R_WG_WAIT, where);
  }
  /* HB acquire; pairs with the release in rk_wg_add_at() (rk_wg_done). */
  rk__edge(RK_EV_WG_WAIT, false, wgp, wgp, 0, where);
}

void(rk_wg_add)(rk_waitgroup *wg, long delta) { rk_wg_add_at(wg, delta, RK__CALLER()); }
void(rk_wg_done)(rk_waitgroup *wg) { rk_wg_add_at(wg, -1, RK__CALLER()); }
void(rk_wg_wait)(rk_waitgroup *wg) { rk_wg_wait_at(wg, RK__CALLER()); }
