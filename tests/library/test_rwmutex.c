/* SPDX-License-Identifier: MIT */
/* rk_rwmutex: readers share, writers exclude, a waiting writer keeps new
   readers out, try variants, zero value. (Fatal unlocks: test_panic.c.) */
#include "rk_test.h"

Test(rwmutex, zero_value_and_try, .timeout = 10) {
  rk_rwmutex rw;
  memset(&rw, 0, sizeof rw);
  cr_assert(rk_rwmutex_tryrlock(&rw));
  cr_assert(rk_rwmutex_tryrlock(&rw), "readers share");
  cr_assert_not(rk_rwmutex_trylock(&rw), "no writer while read-locked");
  rk_rwmutex_runlock(&rw);
  rk_rwmutex_runlock(&rw);
  cr_assert(rk_rwmutex_trylock(&rw));
  cr_assert_not(rk_rwmutex_tryrlock(&rw), "no reader while write-locked");
  cr_assert_not(rk_rwmutex_trylock(&rw));
  rk_rwmutex_unlock(&rw);
  rk_rwmutex rw2 = RK_RWMUTEX_INIT;
  rk_rwmutex_lock(&rw2);
  rk_rwmutex_unlock(&rw2);
  rk_rwmutex_rlock(&rw2);
  rk_rwmutex_runlock(&rw2);
}

/* Two readers must hold the lock at the same time: each waits, holding
   its read lock, until the other has it too (deadlocks if readers
   exclude each other; the timeout then fails the test). */
typedef struct pair {
  rk_rwmutex *rw;
  atomic_int *inside;
} pair;

static void shared_reader(void *arg) {
  pair *p = arg;
  rk_rwmutex_rlock(p->rw);
  atomic_fetch_add(p->inside, 1);
  while (atomic_load(p->inside) < 2)
    sched_yield();
  rk_rwmutex_runlock(p->rw);
  atomic_fetch_add(p->inside, 10);
}

Test(rwmutex, readers_share, .timeout = 10) {
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  atomic_int inside = 0;
  pair p = {&rw, &inside};
  rk_go(shared_reader, &p);
  rk_go(shared_reader, &p);
  while (atomic_load(&inside) < 22)
    sched_yield();
}

typedef struct flagger {
  rk_rwmutex *rw;
  atomic_int done;     /* holds the lock */
  bool write;
  atomic_int finished; /* unlocked: no longer touches the flagger or *rw */
} flagger;

static void lock_then_flag(void *arg) {
  flagger *f = arg;
  if (f->write) {
    rk_rwmutex_lock(f->rw);
    rkt_signal(&f->done);
    rk_rwmutex_unlock(f->rw);
  } else {
    rk_rwmutex_rlock(f->rw);
    rkt_signal(&f->done);
    rk_rwmutex_runlock(f->rw);
  }
  rkt_signal(&f->finished);
}

Test(rwmutex, writer_excludes_readers_and_writers, .timeout = 10) {
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  flagger r = {&rw, 0, false, 0}, w = {&rw, 0, true, 0};
  rk_rwmutex_lock(&rw);
  rk_go(lock_then_flag, &r);
  rk_go(lock_then_flag, &w);
  for (int i = 0; i < 20000; i++) {
    sched_yield();
    cr_assert_eq(atomic_load(&r.done), 0, "reader got in past a writer");
    cr_assert_eq(atomic_load(&w.done), 0, "writer got in past a writer");
  }
  rk_rwmutex_unlock(&rw);
  rkt_wait(&r.done);
  rkt_wait(&w.done);
  /* r, w and rw live in this frame: each goroutine unlocks after `done` */
  rkt_wait(&r.finished);
  rkt_wait(&w.finished);
}

Test(rwmutex, readers_exclude_writer, .timeout = 10) {
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  flagger w = {&rw, 0, true, 0};
  rk_rwmutex_rlock(&rw);
  rk_go(lock_then_flag, &w);
  for (int i = 0; i < 20000; i++) {
    sched_yield();
    cr_assert_eq(atomic_load(&w.done), 0, "writer got in past a reader");
  }
  rk_rwmutex_runlock(&rw);
  rkt_wait(&w.done);
  rkt_wait(&w.finished); /* w and rw live in this frame */
}

/* A blocked writer keeps new readers out: once the writer waits, tryrlock
   fails even though only readers hold the lock. */
Test(rwmutex, waiting_writer_blocks_new_readers, .timeout = 10) {
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  flagger w = {&rw, 0, true, 0};
  rk_rwmutex_rlock(&rw);
  rk_go(lock_then_flag, &w);
  /* Until the writer has queued, new read locks succeed; after, they must
     fail. The test times out if they never do. */
  while (rk_rwmutex_tryrlock(&rw)) {
    rk_rwmutex_runlock(&rw);
    sched_yield();
  }
  cr_assert_eq(atomic_load(&w.done), 0);
  rk_rwmutex_runlock(&rw);
  rkt_wait(&w.done);
  rkt_wait(&w.finished); /* the writer has unlocked (and w, rw may go) */
  cr_assert(rk_rwmutex_tryrlock(&rw));
  rk_rwmutex_runlock(&rw);
}

typedef struct shared {
  rk_rwmutex rw;
  long a, b; /* guarded by rw; invariant a == b */
  atomic_int bad;
  rk_waitgroup wg;
} shared;

static void rw_writer(void *arg) {
  shared *s = arg;
  for (int i = 0; i < 5000; i++) {
    rk_rwmutex_lock(&s->rw);
    s->a++;
    if (i % 32 == 0)
      sched_yield();
    s->b++;
    rk_rwmutex_unlock(&s->rw);
  }
  rk_wg_done(&s->wg);
}

static void rw_reader(void *arg) {
  shared *s = arg;
  for (int i = 0; i < 5000; i++) {
    rk_rwmutex_rlock(&s->rw);
    if (s->a != s->b)
      atomic_fetch_add(&s->bad, 1);
    rk_rwmutex_runlock(&s->rw);
  }
  rk_wg_done(&s->wg);
}

Test(rwmutex, mixed_readers_and_writers_keep_invariant, .timeout = 30) {
  static shared s = {.rw = RK_RWMUTEX_INIT, .wg = RK_WAITGROUP_INIT};
  rk_wg_add(&s.wg, 5);
  rk_go(rw_writer, &s);
  rk_go(rw_writer, &s);
  for (int i = 0; i < 3; i++)
    rk_go(rw_reader, &s);
  rk_wg_wait(&s.wg);
  cr_assert_eq(atomic_load(&s.bad), 0);
  cr_assert_eq(s.a, 10000);
  cr_assert_eq(s.b, 10000);
}

/* When the writer unlocks, every waiting reader gets in, together: each
   holds its read lock until all four hold theirs. */
typedef struct crowd {
  rk_rwmutex *rw;
  atomic_int inside, out;
} crowd;

static void crowd_reader(void *arg) {
  crowd *c = arg;
  rk_rwmutex_rlock(c->rw);
  atomic_fetch_add(&c->inside, 1);
  while (atomic_load(&c->inside) < 4)
    sched_yield();
  rk_rwmutex_runlock(c->rw);
  atomic_fetch_add(&c->out, 1);
}

Test(rwmutex, unlock_admits_all_waiting_readers, .timeout = 10) {
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  crowd c = {&rw, 0, 0};
  rk_rwmutex_lock(&rw);
  for (int i = 0; i < 4; i++)
    rk_go(crowd_reader, &c);
  for (int i = 0; i < 5000; i++) {
    sched_yield();
    cr_assert_eq(atomic_load(&c.inside), 0);
  }
  rk_rwmutex_unlock(&rw);
  while (atomic_load(&c.out) < 4)
    sched_yield();
}
