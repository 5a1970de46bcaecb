/* SPDX-License-Identifier: MIT */
/* Unit tests of the checker's sync objects (instrumentation/sync.c):
   release/acquire, rwlocks, barriers, C11 atomics and fences, and of the
   thread slots' reuse (thread.c), all driven with logical threads. */
#include <criterion/criterion.h>
#include <pthread.h>

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
  while (!rkc__atomic_end(t, &x, mo))
    ;
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

/* A load reads its sync object without the lock: a release that changes
   the object between the load's begin and end makes it load again, and
   then it acquires that release. */
Test(sync, load_done_again_when_its_object_changed_meanwhile, .timeout = 5) {
  static int d1, d2, flag;
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &d1);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELEASE);
  rkc__atx x;
  rkc__atomic_begin(b, (uintptr_t)&flag, RKC_AT_LOAD, RKC_MO_ACQUIRE, &x);
  cr_assert_not(x.locked, "a load does not lock the object");
  wr(a, &d2);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELEASE); /* b's load could read this value */
  cr_assert_not(rkc__atomic_end(b, &x, RKC_MO_ACQUIRE), "the object changed: load again");
  cr_assert(rkc__atomic_end(b, &x, RKC_MO_ACQUIRE), "unchanged since the look again");
  rd(b, &d1);
  rd(b, &d2);
  cr_assert_eq(nraces, 0, "the load acquired the second release");
}

/* A clock longer than an unlocked read copies: the load takes the lock. */
Test(sync, load_of_a_long_clock_takes_the_lock, .timeout = 5) {
  static int data, flag;
  rkc__thr *t[12];
  for (int i = 0; i < 12; i++)
    t[i] = spawn();
  rkc__thr *a = t[11], *b = t[10];
  cr_assert_gt(a->slot, 8, "a clock entry past the object's inline entries");
  wr(a, &data);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELEASE);
  rkc__atx x;
  rkc__atomic_begin(b, (uintptr_t)&flag, RKC_AT_LOAD, RKC_MO_ACQUIRE, &x);
  cr_assert_not(rkc__atomic_end(b, &x, RKC_MO_ACQUIRE), "load again under the lock");
  cr_assert(x.locked);
  cr_assert(rkc__atomic_end(b, &x, RKC_MO_ACQUIRE));
  rd(b, &data);
  cr_assert_eq(nraces, 0, "the whole clock acquired");
  rd(t[9], &data);
  cr_assert_eq(nraces, 1, "a thread that loaded nothing is not ordered");
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

/* A relaxed store to a word already marked as having a sync object,
   whose object another thread's release store has not inserted yet
   (sync.c, get(): mark, then insert): the store takes the object,
   creating it, so that whichever of the two stores comes later in the
   modification order is also later under the object's lock. Skipping it
   would leave the release store's clock in place after the relaxed
   store, and a thread acquiring the relaxed store's value would be
   ordered after the release store: a missed race. */
Test(sync, relaxed_store_to_a_word_marked_without_object_takes_the_object, .timeout = 5) {
  static int flag;
  rkc__thr *z = spawn();
  rkc__shadow_mark_sync((uintptr_t)&flag); /* the other thread's mark, its object not yet there */
  rkc__atx x;
  rkc__access_range(z, (uintptr_t)&flag, 4, RKC_ACC_ATOMIC | RKC_ACC_WRITE, 0x333);
  rkc__atomic_begin(z, (uintptr_t)&flag, RKC_AT_STORE, RKC_MO_RELAXED, &x);
  cr_assert_not_null(x.s, "the store holds the word's object across the store");
  rkc__atomic_end(z, &x, RKC_MO_RELAXED);

  static int d1;
  rkc__thr *a = spawn(), *c = spawn();
  wr(a, &d1);
  atomic_op(a, &flag, RKC_AT_STORE, RKC_MO_RELEASE); /* finds z's object */
  atomic_op(z, &flag, RKC_AT_STORE, RKC_MO_RELAXED); /* after it: ends its sequence */
  atomic_op(c, &flag, RKC_AT_LOAD, RKC_MO_ACQUIRE);
  rd(c, &d1);
  cr_assert_eq(nraces, 1, "c read z's store, which is not a's release");
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

/* Objects looked up by one thread while another creates and removes
   others, some in the same hash bucket (the hash of sync.c), some in
   other buckets, so that the lookups walk chains whose objects are being
   removed and reused elsewhere. The looked-up objects stay: each of their
   edges must hold. A walk that leaves its chain is rare (a few in a
   million lookups here): with get()'s second look under the bucket's lock
   taken out, this test failed in 8 runs of 10. */
enum { KEEP = 4, CHURN = 32, ELSEWHERE = 16, CHURN_ROUNDS = 1000000 };
static uintptr_t keep_addr[KEEP], churn_addr[CHURN], else_addr[ELSEWHERE];
static rkc__thr *churn_thr[3];
static atomic_int lost;

static unsigned bucket_of(uintptr_t a) { return (unsigned)(((uint64_t)a * 0x9E3779B97F4A7C15ull) >> 48); }

static void *churn(void *arg) {
  if (arg) {
    rkc__thr *a = churn_thr[0], *b = churn_thr[1];
    for (unsigned k = 0; k < CHURN_ROUNDS; k++) {
      uintptr_t x = keep_addr[k % KEEP];
      rkc__release(a, x);
      rkc__acquire(b, x);
      if (rkc__vc_get(&b->vc, a->slot) != a->clock - 1)
        atomic_fetch_add(&lost, 1);
    }
  } else {
    rkc__thr *c = churn_thr[2];
    for (unsigned k = 0; k < CHURN_ROUNDS; k++) {
      rkc__sync_reset(churn_addr[k % CHURN]);
      rkc__sync_reset(else_addr[(k + 3) % ELSEWHERE]);
      rkc__release(c, churn_addr[(k + 2) % CHURN]);
      rkc__release(c, else_addr[k % ELSEWHERE]);
    }
  }
  return NULL;
}

Test(sync, lookups_while_objects_come_and_go, .timeout = 60) {
  static char area[1 << 24];
  unsigned n = 0, want = bucket_of((uintptr_t)&area[0]);
  for (size_t i = 0; i < sizeof area && n < KEEP + CHURN; i++)
    if (bucket_of((uintptr_t)&area[i]) == want) {
      if (n < KEEP)
        keep_addr[n] = (uintptr_t)&area[i];
      else
        churn_addr[n - KEEP] = (uintptr_t)&area[i];
      n++;
    }
  cr_assert_eq(n, KEEP + CHURN, "addresses sharing one bucket");
  for (unsigned i = 0; i < ELSEWHERE; i++)
    else_addr[i] = (uintptr_t)&area[(size_t)i * 4096 + 8];
  for (int i = 0; i < 3; i++)
    churn_thr[i] = spawn();
  pthread_t th[2];
  for (intptr_t i = 0; i < 2; i++)
    cr_assert_eq(pthread_create(&th[i], NULL, churn, (void *)i), 0);
  for (int i = 0; i < 2; i++)
    cr_assert_eq(pthread_join(th[i], NULL), 0);
  cr_assert_eq(atomic_load(&lost), 0, "a lookup missed a live object");
}

/* Unlocked loads against a storing thread: what a load acquires is
   exactly the clock released with the value it read (a read of the
   object's clock after a newer store, kept with an older value, would
   acquire more; a torn one, other entries). */
enum { LS_ROUNDS = 300000 };
static _Atomic unsigned ls_value;
static _Atomic uint32_t ls_rel[LS_ROUNDS + 1];
static rkc__thr *ls_a, *ls_b;
static atomic_int ls_wrong;

static void *ls_store(void *arg) {
  (void)arg;
  for (unsigned k = 1; k <= LS_ROUNDS; k++) {
    atomic_store_explicit(&ls_rel[k], rkc__vc_get(&ls_a->vc, ls_a->slot), memory_order_relaxed);
    rkc__atx x;
    rkc__atomic_begin(ls_a, (uintptr_t)&ls_value, RKC_AT_STORE, RKC_MO_RELEASE, &x);
    atomic_store_explicit(&ls_value, k, memory_order_release);
    rkc__atomic_end(ls_a, &x, RKC_MO_RELEASE);
  }
  return NULL;
}

static void *ls_load(void *arg) {
  (void)arg;
  for (unsigned v = 0; v < LS_ROUNDS;) {
    rkc__atx x;
    rkc__atomic_begin(ls_b, (uintptr_t)&ls_value, RKC_AT_LOAD, RKC_MO_ACQUIRE, &x);
    v = atomic_load_explicit(&ls_value, memory_order_acquire);
    while (!rkc__atomic_end(ls_b, &x, RKC_MO_ACQUIRE))
      v = atomic_load_explicit(&ls_value, memory_order_acquire);
    uint32_t want = v ? atomic_load_explicit(&ls_rel[v], memory_order_relaxed) : 0;
    if (v && rkc__vc_get(&ls_b->vc, ls_a->slot) != want)
      atomic_fetch_add(&ls_wrong, 1);
  }
  return NULL;
}

Test(sync, unlocked_loads_acquire_the_clock_of_the_value_read, .timeout = 60) {
  ls_a = spawn();
  ls_b = spawn();
  atomic_op(ls_a, (void *)&ls_value, RKC_AT_STORE, RKC_MO_RELEASE); /* the object exists */
  pthread_t th[2];
  cr_assert_eq(pthread_create(&th[0], NULL, ls_store, NULL), 0);
  cr_assert_eq(pthread_create(&th[1], NULL, ls_load, NULL), 0);
  for (int i = 0; i < 2; i++)
    cr_assert_eq(pthread_join(th[i], NULL), 0);
  cr_assert_eq(atomic_load(&ls_wrong), 0, "a load acquired another store's clock");
}
