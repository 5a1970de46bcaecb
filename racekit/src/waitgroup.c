/* SPDX-License-Identifier: MIT */
/* rk_waitgroup: Go's sync.WaitGroup.
 *
 * DESIGN: count is an atomic counter; waiters park in a queue guarded by lk.
 * nwaiters and count form a Dekker pair (both seq_cst): a waiter publishes
 * itself, then re-reads count; an adder changes count, then reads nwaiters,
 * so one of them always sees the other. A negative add releases the
 * waitgroup's address; a wait that returns acquires it. */
#include "internal.h"

typedef struct rk__wg {
  _Atomic int64_t count;
  rk__lock lk;                /* guards q */
  _Atomic uint32_t nwaiters;  /* waiters in q (seq_cst, see above) */
  rk__waitq q;
} rk__wg;
_Static_assert(sizeof(rk__wg) <= sizeof(rk_waitgroup), "rk_waitgroup storage too small");
_Static_assert(_Alignof(rk__wg) <= _Alignof(rk_waitgroup), "rk_waitgroup alignment");

void rk_wg_add_at(rk_waitgroup *wgp, long delta, rk_srcloc where) {
  rk__wg *wg = (rk__wg *)wgp;
  if (delta < 0)
    /* HB release; pairs with the acquire in rk_wg_wait_at(). */
    rk__edge(RK_EV_WG_DONE, true, wgp, wgp, 0, where);
  int64_t v = atomic_fetch_add(&wg->count, delta) + delta;
  if (v < 0) {
    atomic_fetch_sub(&wg->count, delta);
    rk_panic_at(where, "sync: negative WaitGroup counter");
  }
  if (v != 0 || atomic_load(&wg->nwaiters) == 0)
    return;
  rk__lock_acquire(&wg->lk);
  rk__waiter *list = NULL, *w;
  while ((w = rk__wq_pop(&wg->q)) != NULL) {
    w->wake_next = list;
    list = w;
  }
  atomic_store(&wg->nwaiters, 0);
  rk__lock_release(&wg->lk);
  while (list) {
    w = list;
    list = w->wake_next;
    rk__unpark(w->g);
  }
}

void rk_wg_done_at(rk_waitgroup *wg, rk_srcloc where) { rk_wg_add_at(wg, -1, where); }

void rk_wg_wait_at(rk_waitgroup *wgp, rk_srcloc where) {
  rk__wg *wg = (rk__wg *)wgp;
  if (atomic_load(&wg->count) != 0) {
    rk__g *g = rk__self();
    rk__waiter w = {0};
    w.g = g;
    rk__lock_acquire(&wg->lk);
    rk__park_prepare(g);
    rk__wq_push(&wg->q, &w);
    atomic_fetch_add(&wg->nwaiters, 1);
    if (atomic_load(&wg->count) == 0) {
      rk__wq_remove(&wg->q, &w);
      atomic_fetch_sub(&wg->nwaiters, 1);
      rk__lock_release(&wg->lk);
    } else {
      rk__lock_release(&wg->lk);
      rk__park(g, RK__R_WG_WAIT, where);
    }
  }
  /* HB acquire; pairs with the release in rk_wg_add_at() (rk_wg_done). */
  rk__edge(RK_EV_WG_WAIT, false, wgp, wgp, 0, where);
}

void(rk_wg_add)(rk_waitgroup *wg, long delta) { rk_wg_add_at(wg, delta, RK__CALLER()); }
void(rk_wg_done)(rk_waitgroup *wg) { rk_wg_add_at(wg, -1, RK__CALLER()); }
void(rk_wg_wait)(rk_waitgroup *wg) { rk_wg_wait_at(wg, RK__CALLER()); }
