/* SPDX-License-Identifier: MIT */
/* rk_once: Go's sync.Once.
 *
 * DESIGN: done goes 0 (not run) -> 1 (fn running) -> 2 or 3 (done),
 * changed under lk; callers that find 1 park in q until the runner
 * finishes. 3 means an edge consumer (checker or hook) was present when fn
 * returned: the header's inline fast path (one acquire load) returns at
 * once only on 2, so with a checker every call comes here and reports its
 * edge. fn's return releases the once's address; every rk_once_do return
 * acquires it. */
#include "internal.h"

typedef struct rk__once {
  _Atomic uint32_t done; /* 0, 1 running, 2/3 done; written under lk */
  rk__lock lk;           /* guards q and the 0 -> 1 step */
  rk__waitq q;           /* callers waiting for fn */
} rk__once;
_Static_assert(sizeof(rk__once) <= sizeof(rk_once), "rk_once storage too small");
_Static_assert(_Alignof(rk__once) <= _Alignof(rk_once), "rk_once alignment");

static void once_slow(rk_once *op, void (*fn)(void), rk_srcloc where) {
  rk__once *o = (rk__once *)op;
  rk__lock_acquire(&o->lk);
  uint32_t d = atomic_load_explicit(&o->done, memory_order_relaxed);
  if (d >= 2) {
    rk__lock_release(&o->lk);
    return;
  }
  if (d == 1) {
    rk__g *g = rk__self();
    rk__waiter w = {0};
    w.g = g;
    rk__park_prepare(g);
    rk__wq_push(&o->q, &w);
    rk__lock_release(&o->lk);
    rk__park(g, RK__R_ONCE, where);
    return;
  }
  atomic_store_explicit(&o->done, 1, memory_order_relaxed);
  rk__lock_release(&o->lk);
  fn();
  /* HB release; pairs with the acquire in rk_once_do_at(). */
  rk__edge(RK_EV_ONCE_DONE, true, op, op, 0, where);
  rk__lock_acquire(&o->lk);
  atomic_store_explicit(&o->done, rk__edges() ? 3 : 2, memory_order_release);
  rk__waiter *list = NULL, *w;
  while ((w = rk__wq_pop(&o->q)) != NULL) {
    w->wake_next = list;
    list = w;
  }
  rk__lock_release(&o->lk);
  while (list) {
    w = list;
    list = w->wake_next;
    rk__unpark(w->g);
  }
}

void rk_once_do_at(rk_once *op, void (*fn)(void), rk_srcloc where) {
  rk__once *o = (rk__once *)op;
  if (rk__unlikely(atomic_load_explicit(&o->done, memory_order_acquire) < 2))
    once_slow(op, fn, where);
  /* HB acquire; pairs with the release after fn returns in once_slow(). */
  rk__edge(RK_EV_ONCE_RETURN, false, op, op, 0, where);
}

void(rk_once_do)(rk_once *once, void (*fn)(void)) { rk_once_do_at(once, fn, RK__CALLER()); }
