/* SPDX-License-Identifier: MIT */
/* rk_mutex: Go's sync.Mutex (normal mode: a woken waiter competes with
 * newcomers; lockers spin briefly before parking).
 *
 * DESIGN: state holds LOCKED, WOKEN (an unlocker woke a waiter that has
 * not yet retried) and the number of parked waiters. Parked lockers wait in
 * a FIFO queue guarded by qlock; the waiter count changes only under qlock,
 * so it always equals the queue's length. Unlock releases the mutex's
 * address before clearing LOCKED; lock acquires it after setting LOCKED. */
#include "internal.h"

#define LOCKED 1u
#define WOKEN 2u
#define WAITER 4u
#define RK__MUTEX_SPIN_ROUNDS 4
#define RK__MUTEX_SPIN_PAUSES 30

typedef struct rk__mutex {
  _Atomic uint32_t state; /* LOCKED | WOKEN | waiters * WAITER */
  rk__lock qlock;         /* guards q */
  rk__waitq q;            /* parked lockers, FIFO */
  uint64_t seq;           /* unlock count; guarded by the mutex itself */
} rk__mutex;
_Static_assert(sizeof(rk__mutex) <= sizeof(rk_mutex), "rk_mutex storage too small");
_Static_assert(_Alignof(rk__mutex) <= _Alignof(rk_mutex), "rk_mutex alignment");

static void lock_slow(rk__mutex *m, rk_srcloc where) {
  for (;;) {
    /* as Go: a few short spins while the holder runs, touching the mutex
       only to take it when it looks free */
    for (int round = 0; round < RK__MUTEX_SPIN_ROUNDS; round++) {
      uint32_t s = atomic_load_explicit(&m->state, memory_order_relaxed);
      if (!(s & LOCKED) &&
          atomic_compare_exchange_strong_explicit(&m->state, &s, (s | LOCKED) & ~WOKEN,
                                                  memory_order_acquire, memory_order_relaxed))
        return;
      for (int i = 0; i < RK__MUTEX_SPIN_PAUSES; i++)
        rk__pause();
    }
    rk__g *g = rk__self();
    rk__waiter w = {0};
    w.g = g;
    rk__lock_acquire(&m->qlock);
    uint32_t s = atomic_load_explicit(&m->state, memory_order_relaxed);
    for (;;) {
      if (!(s & LOCKED)) {
        if (atomic_compare_exchange_weak_explicit(&m->state, &s, (s | LOCKED) & ~WOKEN,
                                                  memory_order_acquire, memory_order_relaxed)) {
          rk__lock_release(&m->qlock);
          return;
        }
        continue;
      }
      if (atomic_compare_exchange_weak_explicit(&m->state, &s, (s + WAITER) & ~WOKEN,
                                                memory_order_seq_cst, memory_order_relaxed))
        break;
    }
    rk__park_prepare(g);
    rk__wq_push(&m->q, &w);
    rk__lock_release(&m->qlock);
    rk__park(g, RK__R_MUTEX_LOCK, where);
  }
}

void rk_mutex_lock_at(rk_mutex *mu, rk_srcloc where) {
  rk__mutex *m = (rk__mutex *)mu;
  uint32_t z = 0;
  if (!atomic_compare_exchange_weak_explicit(&m->state, &z, LOCKED, memory_order_acquire,
                                             memory_order_relaxed))
    lock_slow(m, where);
  /* HB acquire; pairs with the release in rk_mutex_unlock_at(). */
  rk__edge(RK_EV_MUTEX_LOCK, false, mu, mu, m->seq, where);
}

bool rk_mutex_trylock(rk_mutex *mu) {
  rk__mutex *m = (rk__mutex *)mu;
  uint32_t s = atomic_load_explicit(&m->state, memory_order_relaxed);
  if (s & LOCKED)
    return false;
  if (!atomic_compare_exchange_strong_explicit(&m->state, &s, s | LOCKED, memory_order_acquire,
                                               memory_order_relaxed))
    return false;
  /* HB acquire; pairs with the release in rk_mutex_unlock_at(). */
  rk__edge(RK_EV_MUTEX_LOCK, false, mu, mu, m->seq, RK__CALLER());
  return true;
}

static void unlock_slow(rk__mutex *m) {
  rk__lock_acquire(&m->qlock);
  uint32_t s = atomic_load_explicit(&m->state, memory_order_relaxed);
  for (;;) {
    if (s < WAITER || (s & (LOCKED | WOKEN))) {
      rk__lock_release(&m->qlock);
      return; /* no waiter, or the mutex is taken, or one is already woken */
    }
    if (atomic_compare_exchange_weak_explicit(&m->state, &s, (s - WAITER) | WOKEN,
                                              memory_order_relaxed, memory_order_relaxed))
      break;
  }
  rk__waiter *w = rk__wq_pop(&m->q);
  rk_assert(w != NULL);
  rk__g *g = w->g;
  rk__lock_release(&m->qlock);
  rk__unpark(g);
}

void rk_mutex_unlock_at(rk_mutex *mu, rk_srcloc where) {
  rk__mutex *m = (rk__mutex *)mu;
  uint32_t s = atomic_load_explicit(&m->state, memory_order_relaxed);
  if (rk__unlikely(!(s & LOCKED)))
    rk__fatal_at(where, "sync: unlock of unlocked mutex");
  uint64_t seq = ++m->seq;
  /* HB release; pairs with the acquire in rk_mutex_lock_at() and
     rk_mutex_trylock(). */
  rk__edge(RK_EV_MUTEX_UNLOCK, true, mu, mu, seq, where);
  uint32_t n = atomic_fetch_sub_explicit(&m->state, LOCKED, memory_order_seq_cst) - LOCKED;
  if (rk__unlikely(n != 0) && n >= WAITER && !(n & (LOCKED | WOKEN)))
    unlock_slow(m);
}

void(rk_mutex_lock)(rk_mutex *mu) { rk_mutex_lock_at(mu, RK__CALLER()); }
void(rk_mutex_unlock)(rk_mutex *mu) { rk_mutex_unlock_at(mu, RK__CALLER()); }
