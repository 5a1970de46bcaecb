/* SPDX-License-Identifier: MIT */
/* Unit tests of the checker's sync objects (instrumentation/sync.c):
   release/acquire, rwlocks, barriers, C11 atomics and fences, and of the
   thread slots' reuse (thread.c), all driven with logical threads. */
#include <criterion/criterion.h>

#include "shadow.h"
#include "sync.h"

static int nraces;
static void collect(const rkc__race_info *ri) {
  (void)ri;
  nraces++;
}

static rkc__thr *root;
static void setup(void) {
  rkc__race_hook = collect;
  nraces = 0;
  root = rkc__thr_new(NULL, RKC_THREAD_PTHREAD, 0);
}
static rkc__thr *spawn(void) { return rkc__thr_new(root, RKC_THREAD_PTHREAD, 0); }
static void wr(rkc__thr *t, void *p) { rkc__access_range(t, (uintptr_t)p, 4, RKC_ACC_WRITE, 0x111); }
static void rd(rkc__thr *t, void *p) { rkc__access_range(t, (uintptr_t)p, 4, 0, 0x222); }

/* One atomic operation as tsan_abi.c performs it (minus the real op). */
static void atomic_op(rkc__thr *t, void *addr, int kind, int mo) {
  rkc__atx x;
  int flags = RKC_ACC_ATOMIC | (kind == RKC_AT_LOAD ? 0 : RKC_ACC_WRITE);
  rkc__access_range(t, (uintptr_t)addr, 4, flags, 0x333);
  rkc__atomic_begin(t, (uintptr_t)addr, kind, mo, &x);
  rkc__atomic_end(t, &x, mo);
}

TestSuite(sync, .init = setup);

Test(sync, release_acquire_orders, .timeout = 5) {
  static int data, lock;
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &data);
  rkc__release(a, (uintptr_t)&lock);
  rkc__acquire(b, (uintptr_t)&lock);
  wr(b, &data);
  cr_assert_eq(nraces, 0);
  rkc__thr *c = spawn();
  rd(c, &data);
  cr_assert_eq(nraces, 1, "a third thread never acquired");
}

Test(sync, acquire_before_release_does_not_order, .timeout = 5) {
  static int data, lock;
  rkc__thr *a = spawn(), *b = spawn();
  rkc__acquire(b, (uintptr_t)&lock);
  wr(a, &data);
  rkc__release(a, (uintptr_t)&lock);
  wr(b, &data);
  cr_assert_eq(nraces, 1);
}

Test(sync, rwlock_readers_are_unordered, .timeout = 5) {
  static int data, rw;
  rkc__thr *w = spawn(), *r1 = spawn(), *r2 = spawn();
  rkc__rw_wrlock(w, (uintptr_t)&rw);
  wr(w, &data);
  rkc__rw_unlock(w, (uintptr_t)&rw);
  rkc__rw_rdlock(r1, (uintptr_t)&rw);
  rkc__rw_rdlock(r2, (uintptr_t)&rw);
  rd(r1, &data);
  rd(r2, &data);
  cr_assert_eq(nraces, 0, "readers see the writer");
  wr(r1, &data);
  cr_assert_eq(nraces, 1, "a write under a read lock races with the other reader");
  rkc__rw_unlock(r1, (uintptr_t)&rw);
  rkc__rw_unlock(r2, (uintptr_t)&rw);
  rkc__thr *w2 = spawn();
  rkc__rw_wrlock(w2, (uintptr_t)&rw);
  wr(w2, &data);
  cr_assert_eq(nraces, 1, "a writer is ordered after every read unlock");
}

Test(sync, barrier_rounds_are_separate, .timeout = 5) {
  static int bar, slot0, slot1;
  rkc__thr *a = spawn(), *b = spawn();
  rkc__barrier_init((uintptr_t)&bar, 2);
  /* round 0 */
  wr(a, &slot0);
  unsigned ta = rkc__barrier_arrive(a, (uintptr_t)&bar);
  unsigned tb = rkc__barrier_arrive(b, (uintptr_t)&bar);
  rkc__barrier_depart(b, (uintptr_t)&bar, tb);
  rd(b, &slot0);
  cr_assert_eq(nraces, 0);
  /* b runs ahead to round 1 and writes before arriving; a is still in
     round 0 and departs late: it must not see b's round-1 write. */
  wr(b, &slot1);
  tb = rkc__barrier_arrive(b, (uintptr_t)&bar);
  rkc__barrier_depart(a, (uintptr_t)&bar, ta);
  rd(a, &slot1);
  cr_assert_eq(nraces, 1);
}

Test(sync, atomic_release_acquire, .timeout = 5) {
  static int data, flag;
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &data);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELEASE);
  atomic_op(b, &flag, RKC_AT_LOAD, RKC_MO_ACQUIRE);
  rd(b, &data);
  cr_assert_eq(nraces, 0);
}

Test(sync, atomic_relaxed_creates_no_edge, .timeout = 5) {
  static int data, flag;
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &data);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELAXED);
  atomic_op(b, &flag, RKC_AT_LOAD, RKC_MO_RELAXED);
  rd(b, &data);
  cr_assert_eq(nraces, 1);
}

Test(sync, fences_around_relaxed_accesses, .timeout = 5) {
  static int data, flag;
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &data);
  rkc__fence(a, RKC_MO_RELEASE);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELAXED);
  atomic_op(b, &flag, RKC_AT_LOAD, RKC_MO_RELAXED);
  rkc__fence(b, RKC_MO_ACQUIRE);
  rd(b, &data);
  cr_assert_eq(nraces, 0);
}

Test(sync, release_fence_covers_only_what_precedes_it, .timeout = 5) {
  static int before, after, flag;
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &before);
  rkc__fence(a, RKC_MO_RELEASE);
  wr(a, &after);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELAXED);
  atomic_op(b, &flag, RKC_AT_LOAD, RKC_MO_ACQUIRE);
  rd(b, &before);
  cr_assert_eq(nraces, 0);
  rd(b, &after);
  cr_assert_eq(nraces, 1);
}

Test(sync, rmw_continues_release_sequence_relaxed_store_ends_it, .timeout = 5) {
  static int d1, d2, flag;
  rkc__thr *a = spawn(), *m = spawn(), *b = spawn(), *c = spawn(), *z = spawn();
  wr(a, &d1);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELEASE);
  atomic_op(m, &flag, RKC_AT_RMW, RKC_MO_RELAXED); /* continues a's sequence */
  atomic_op(b, &flag, RKC_AT_LOAD, RKC_MO_ACQUIRE);
  rd(b, &d1);
  cr_assert_eq(nraces, 0);
  wr(z, &d2);
  atomic_op(z, &flag, RKC_AT_STORE, RKC_MO_RELAXED); /* another thread's relaxed store */
  atomic_op(c, &flag, RKC_AT_LOAD, RKC_MO_ACQUIRE);
  rd(c, &d1);
  cr_assert_eq(nraces, 1, "the sequence ended: c does not see a's write");
}

Test(sync, slot_reused_only_when_known, .timeout = 5) {
  rkc__thr *a = spawn();
  uint32_t s = a->slot;
  rkc__thr_tick(a);
  rkc__thr_finish(a);
  rkc__thr *other = spawn(); /* root does not know a's end yet */
  cr_assert_neq(other->slot, s);
  rkc__thr_join(root, a);
  rkc__thr *b = spawn(); /* now root knows */
  cr_assert_eq(b->slot, s);
  cr_assert_gt(b->clock, 2, "the new generation starts above the old one");
  cr_assert_eq(rkc__slot_tid(s, b->clock), b->tid);
  cr_assert_eq(rkc__slot_tid(s, 1), rkc__slot_tid(s, 2), "old clocks map to the old thread");
  cr_assert_neq(rkc__slot_tid(s, 1), b->tid);
}
