/* SPDX-License-Identifier: MIT */
/* Timers: one timer thread with a min-heap; rk_sleep, rk_after, tickers.
 *
 * DESIGN: the heap is guarded by tm.lock. The timer thread sleeps on the
 * futex tm.seq until the earliest deadline (or a kick), fires due timers and
 * also runs the deadlock detector's polls. It is quiet (rk__quiet): its
 * sends carry no happens-before edge but the value itself, so waiting on an
 * unrelated timer never orders two goroutines (DESIGN.md §1). Ticks are
 * sent under tm.lock, so once rk_ticker_stop() has taken and released that
 * lock no tick is in flight; it then drains the buffered tick. */
#define _GNU_SOURCE
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

_Atomic long rk__timers_pending; /* timers in the heap or firing */

static struct {
  rk__lock lock;          /* guards heap, n, cap */
  rk__timer **heap;
  size_t n, cap;
  _Atomic uint32_t seq;   /* futex word: bumped to wake the thread */
  _Atomic int started;    /* 0 no, 1 starting or running */
} tm;

static void swap_at(size_t i, size_t j) {
  rk__timer *a = tm.heap[i], *b = tm.heap[j];
  tm.heap[i] = b;
  tm.heap[j] = a;
  b->index = i;
  a->index = j;
}

static void sift_up(size_t i) {
  while (i > 0) {
    size_t p = (i - 1) / 2;
    if (tm.heap[p]->when <= tm.heap[i]->when)
      break;
    swap_at(i, p);
    i = p;
  }
}

static void sift_down(size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < tm.n && tm.heap[l]->when < tm.heap[m]->when)
      m = l;
    if (r < tm.n && tm.heap[r]->when < tm.heap[m]->when)
      m = r;
    if (m == i)
      return;
    swap_at(i, m);
    i = m;
  }
}

static bool heap_push(rk__timer *t) {
  if (tm.n == tm.cap) {
    size_t nc = tm.cap ? tm.cap * 2 : 64;
    rk__timer **nh = rk__realloc(tm.heap, nc * sizeof *nh);
    if (!nh)
      return false;
    tm.heap = nh;
    tm.cap = nc;
  }
  t->index = tm.n;
  tm.heap[tm.n++] = t;
  sift_up(t->index);
  return true;
}

static void heap_remove(rk__timer *t) {
  size_t i = t->index;
  tm.n--;
  if (i != tm.n) {
    swap_at(i, tm.n);
    sift_down(i);
    sift_up(i);
  }
  t->index = SIZE_MAX;
}

static void *timer_main(void *arg) {
  (void)arg;
  rk__quiet = true;
  pthread_setname_np(pthread_self(), "racekit-timer");
  for (;;) {
    uint32_t seq = atomic_load(&tm.seq);
    int64_t now = rk__now();
    rk__lock_acquire(&tm.lock);
    while (tm.n > 0 && tm.heap[0]->when <= now) {
      rk__timer *t = tm.heap[0];
      if (t->period > 0) {
        t->when += t->period;
        if (t->when <= now)
          t->when = now + t->period;
        sift_down(0);
        t->fn(t, now); /* periodic timers fire under the lock */
        continue;
      }
      heap_remove(t);
      if (t->locked_fn) {
        t->fn(t, now);
      } else {
        rk__lock_release(&tm.lock);
        t->fn(t, now); /* may free t */
        rk__lock_acquire(&tm.lock);
      }
      atomic_fetch_sub(&rk__timers_pending, 1); /* after the fire: see park.c */
    }
    int64_t deadline = tm.n > 0 ? tm.heap[0]->when : -1;
    rk__lock_release(&tm.lock);
    int64_t d = rk__deadlock_poll(now);
    if (d >= 0 && (deadline < 0 || now + d < deadline))
      deadline = now + d;
    d = rk__pool_poll(now);
    if (d >= 0 && (deadline < 0 || now + d < deadline))
      deadline = now + d;
    if (atomic_load(&tm.seq) == seq)
      rk__futex_wait(&tm.seq, seq, deadline);
  }
  return NULL;
}

static void ensure_thread(void) {
  if (atomic_load_explicit(&tm.started, memory_order_acquire))
    return;
  int z = 0;
  if (atomic_compare_exchange_strong(&tm.started, &z, 1)) {
    if (rk__thread_start(timer_main, NULL) != 0)
      atomic_store(&tm.started, 0);
  }
}

void rk__timer_kick(void) {
  ensure_thread();
  atomic_fetch_add(&tm.seq, 1);
  rk__futex_wake(&tm.seq, 1);
}

void rk__timer_start(rk__timer *t) {
  rk__lock_acquire(&tm.lock);
  atomic_fetch_add(&rk__timers_pending, 1);
  bool ok = heap_push(t);
  bool first = ok && t->index == 0;
  if (!ok)
    atomic_fetch_sub(&rk__timers_pending, 1);
  rk__lock_release(&tm.lock);
  rk_assert(ok);
  ensure_thread();
  if (first) {
    atomic_fetch_add(&tm.seq, 1);
    rk__futex_wake(&tm.seq, 1);
  }
}

bool rk__timer_stop(rk__timer *t) {
  bool was = false;
  rk__lock_acquire(&tm.lock);
  if (t->index != SIZE_MAX) {
    heap_remove(t);
    atomic_fetch_sub(&rk__timers_pending, 1);
    was = true;
  }
  rk__lock_release(&tm.lock);
  return was;
}

/* ------------------------------------------------------------- rk_sleep */

/* A scheduled G sleeps parked (its thread runs other goroutines); the
   timer thread wakes it. No edge: the park word is not a sync object. */
struct sleeper {
  rk__timer t; /* first member */
  rk__g *g;
};

static void sleep_fire(rk__timer *t, int64_t now) {
  (void)now;
  rk__unpark(((struct sleeper *)t)->g); /* t lives on the sleeper's stack: last use */
}

void rk_sleep(int64_t ns) {
  if (ns <= 0)
    return;
  rk__g *g = rk__self();
  if (g->mn) {
    struct sleeper s;
    s.t.when = rk__now() + ns;
    s.t.period = 0;
    s.t.index = SIZE_MAX;
    s.t.fn = sleep_fire;
    s.t.locked_fn = false;
    s.t.arg = NULL;
    s.g = g;
    rk__park_prepare(g);
    rk__timer_start(&s.t);
    while (atomic_load_explicit(&g->park, memory_order_acquire) != RK__PARK_WOKEN)
      rk__park(g, RK__R_NONE, RK_HERE);
    return;
  }
  rk__pool_blocking(true);
  int64_t end = rk__now() + ns;
  struct timespec ts = {(time_t)(end / 1000000000), (long)(end % 1000000000)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
    ;
  rk__pool_blocking(false);
}

/* ------------------------------------------------------------- rk_after */

struct after {
  rk__timer t;
  rk_chan *ch; /* the timer's reference */
};

static void after_fire(rk__timer *t, int64_t now) {
  struct after *a = (struct after *)t;
  rk__chan_timer_send(a->ch, &now);
  rk_chan_release(a->ch);
  rk__free(a);
}

rk_chan *rk_after(int64_t ns) {
  rk_chan *ch = rk_chan_make(sizeof(int64_t), 1);
  if (!ch)
    return NULL;
  struct after *a = rk__calloc(1, sizeof *a);
  if (!a) {
    rk_chan_release(ch);
    return NULL;
  }
  rk_chan_retain(ch);
  a->ch = ch;
  a->t.when = rk__now() + (ns > 0 ? ns : 0);
  a->t.index = SIZE_MAX;
  a->t.fn = after_fire;
  a->t.locked_fn = false;
  rk__timer_start(&a->t);
  return ch;
}

/* -------------------------------------------------------------- tickers */

struct rk_ticker {
  rk__timer t;  /* first member */
  rk_chan *ch;  /* owned */
};

static void tick_fire(rk__timer *t, int64_t now) {
  rk__chan_timer_send(((rk_ticker *)t)->ch, &now); /* drops the tick if full */
}

rk_ticker *rk_ticker_make(int64_t ns) {
  if (ns <= 0)
    return NULL;
  rk_ticker *tk = rk__calloc(1, sizeof *tk);
  if (!tk)
    return NULL;
  tk->ch = rk_chan_make(sizeof(int64_t), 1);
  if (!tk->ch) {
    rk__free(tk);
    return NULL;
  }
  tk->t.when = rk__now() + ns;
  tk->t.period = ns;
  tk->t.index = SIZE_MAX;
  tk->t.fn = tick_fire;
  tk->t.locked_fn = true;
  rk__timer_start(&tk->t);
  return tk;
}

rk_chan *rk_ticker_chan(rk_ticker *t) { return t ? t->ch : NULL; }

void rk_ticker_stop(rk_ticker *t) {
  if (!t)
    return;
  rk__timer_stop(&t->t); /* ticks are sent under the timer lock: none in flight now */
  rk__chan_drain(t->ch);
}

void rk_ticker_release(rk_ticker *t) {
  if (!t)
    return;
  rk_ticker_stop(t);
  rk_chan_release(t->ch);
  rk__free(t);
}
