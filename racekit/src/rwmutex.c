/* SPDX-License-Identifier: MIT */
/* rk_rwmutex: Go's sync.RWMutex semantics (a blocked writer keeps new
 * readers out; a writer's unlock admits the readers that waited).
 *
 * DESIGN: all state is guarded by the internal lock lk; parked readers and
 * writers wait in two FIFO queues and are admitted by the waker (which
 * updates readers/writer for them before waking them). Two HB addresses:
 * the rwmutex itself (unlock releases; rlock and lock acquire) and rsync
 * (runlock releases; only lock acquires), so readers are not ordered with
 * each other. */
#include "internal.h"

typedef struct rk__rwmutex {
  rk__lock lk;       /* guards everything below */
  int32_t readers;   /* active readers */
  int32_t wwait;     /* parked writers */
  bool writer;       /* a writer holds it */
  rk__waitq rq, wq;  /* parked readers, writers */
  uint64_t seq;      /* unlock count (events) */
  char rsync;        /* HB address: runlock -> later lock */
} rk__rwmutex;
_Static_assert(sizeof(rk__rwmutex) <= sizeof(rk_rwmutex), "rk_rwmutex storage too small");
_Static_assert(_Alignof(rk__rwmutex) <= _Alignof(rk_rwmutex), "rk_rwmutex alignment");

static void park_on(rk__rwmutex *m, rk__waitq *q, int reason, rk_srcloc where) {
  rk__g *g = rk__self();
  rk__waiter w = {0};
  w.g = g;
  rk__park_prepare(g);
  rk__wq_push(q, &w);
  rk__lock_release(&m->lk);
  rk__park(g, reason, where);
}

void rk_rwmutex_rlock_at(rk_rwmutex *rw, rk_srcloc where) {
  rk__rwmutex *m = (rk__rwmutex *)rw;
  rk__lock_acquire(&m->lk);
  if (!m->writer && m->wwait == 0) {
    m->readers++;
    rk__lock_release(&m->lk);
  } else {
    park_on(m, &m->rq, RK__R_RWMUTEX_RLOCK, where); /* admitted by the waker */
  }
  /* HB acquire; pairs with the release in rk_rwmutex_unlock_at(). */
  rk__edge(RK_EV_RWMUTEX_RLOCK, false, rw, rw, m->seq, where);
}

bool rk_rwmutex_tryrlock(rk_rwmutex *rw) {
  rk__rwmutex *m = (rk__rwmutex *)rw;
  rk__lock_acquire(&m->lk);
  bool ok = !m->writer && m->wwait == 0;
  if (ok)
    m->readers++;
  rk__lock_release(&m->lk);
  if (ok)
    /* HB acquire; pairs with the release in rk_rwmutex_unlock_at(). */
    rk__edge(RK_EV_RWMUTEX_RLOCK, false, rw, rw, m->seq, RK__CALLER());
  return ok;
}

void rk_rwmutex_runlock_at(rk_rwmutex *rw, rk_srcloc where) {
  rk__rwmutex *m = (rk__rwmutex *)rw;
  /* HB release; pairs with the acquire of rsync in rk_rwmutex_lock_at(). */
  rk__edge(RK_EV_RWMUTEX_RUNLOCK, true, rw, &m->rsync, m->seq, where);
  rk__lock_acquire(&m->lk);
  if (m->readers <= 0) {
    rk__lock_release(&m->lk);
    rk__fatal_at(where, "sync: RUnlock of unlocked RWMutex");
  }
  rk__g *wake = NULL;
  if (--m->readers == 0 && m->wq.head) {
    rk__waiter *w = rk__wq_pop(&m->wq);
    m->wwait--;
    m->writer = true;
    wake = w->g;
  }
  rk__lock_release(&m->lk);
  if (wake)
    rk__unpark(wake);
}

static void lock_edges(rk_rwmutex *rw, rk__rwmutex *m, rk_srcloc where) {
  /* HB acquire; pairs with the release in rk_rwmutex_unlock_at(). */
  rk__edge(RK_EV_RWMUTEX_LOCK, false, rw, rw, m->seq, where);
  /* HB acquire; pairs with the release in rk_rwmutex_runlock_at(). */
  rk__edge(RK_EV_RWMUTEX_LOCK, false, rw, &m->rsync, m->seq, where);
}

void rk_rwmutex_lock_at(rk_rwmutex *rw, rk_srcloc where) {
  rk__rwmutex *m = (rk__rwmutex *)rw;
  rk__lock_acquire(&m->lk);
  if (!m->writer && m->readers == 0) {
    m->writer = true;
    rk__lock_release(&m->lk);
  } else {
    m->wwait++;
    park_on(m, &m->wq, RK__R_RWMUTEX_LOCK, where); /* admitted by the waker */
  }
  lock_edges(rw, m, where);
}

bool rk_rwmutex_trylock(rk_rwmutex *rw) {
  rk__rwmutex *m = (rk__rwmutex *)rw;
  rk__lock_acquire(&m->lk);
  bool ok = !m->writer && m->readers == 0;
  if (ok)
    m->writer = true;
  rk__lock_release(&m->lk);
  if (ok)
    lock_edges(rw, m, RK__CALLER());
  return ok;
}

void rk_rwmutex_unlock_at(rk_rwmutex *rw, rk_srcloc where) {
  rk__rwmutex *m = (rk__rwmutex *)rw;
  rk__lock_acquire(&m->lk);
  if (!m->writer) {
    rk__lock_release(&m->lk);
    rk__fatal_at(where, "sync: Unlock of unlocked RWMutex");
  }
  uint64_t seq = ++m->seq;
  /* HB release; pairs with the acquires in rk_rwmutex_rlock_at() and
     rk_rwmutex_lock_at(). Made before the state change below, under lk. */
  rk__edge(RK_EV_RWMUTEX_UNLOCK, true, rw, rw, seq, where);
  m->writer = false;
  rk__waiter *list = NULL, *w;
  if (m->rq.head) {
    while ((w = rk__wq_pop(&m->rq)) != NULL) {
      m->readers++;
      w->wake_next = list;
      list = w;
    }
  } else if ((w = rk__wq_pop(&m->wq)) != NULL) {
    m->wwait--;
    m->writer = true;
    w->wake_next = NULL;
    list = w;
  }
  rk__lock_release(&m->lk);
  while (list) {
    w = list;
    list = w->wake_next;
    rk__unpark(w->g);
  }
}

void(rk_rwmutex_rlock)(rk_rwmutex *rw) { rk_rwmutex_rlock_at(rw, RK__CALLER()); }
void(rk_rwmutex_runlock)(rk_rwmutex *rw) { rk_rwmutex_runlock_at(rw, RK__CALLER()); }
void(rk_rwmutex_lock)(rk_rwmutex *rw) { rk_rwmutex_lock_at(rw, RK__CALLER()); }
void(rk_rwmutex_unlock)(rk_rwmutex *rw) { rk_rwmutex_unlock_at(rw, RK__CALLER()); }
