/* SPDX-License-Identifier: MIT */
/* Synchronization objects and the happens-before edges they carry: mutexes,
 * rwlocks, barriers, semaphores, once, annotations (__tsan_acquire/release)
 * and C11 atomics with fences.
 * DESIGN: a global hash table from address to rkc__sync; one spin lock per
 * bucket guards the bucket's chain, one per object its clocks. Lookups
 * walk the chain without a lock (objects are type-stable) and lock the
 * object found, except an atomic load's, which reads it under its
 * sequence lock without writing it. The shadow cell of an address with a
 * sync object carries RKC_W_SYNC, so freeing or clearing memory removes
 * its sync objects (a new mutex at a reused address starts with an empty
 * clock).
 * Atomics follow C11: a release store starts a release sequence (the
 * object's clock becomes the storer's clock); RMWs continue it (join);
 * a relaxed store by another thread ends it, unless a release fence of
 * that thread precedes it, whose clock it then publishes; an acquire load
 * joins the object's clock, a relaxed load joins it into the thread's
 * pending-acquire clock, which a later acquire fence applies.
 */
#ifndef RACEKIT_INSTRUMENTATION_SYNC_H
#define RACEKIT_INSTRUMENTATION_SYNC_H

#include "thread.h"

/* ABI memory orders */
enum { RKC_MO_RELAXED, RKC_MO_CONSUME, RKC_MO_ACQUIRE, RKC_MO_RELEASE, RKC_MO_ACQ_REL, RKC_MO_SEQ_CST };

RKC_HIDDEN void rkc__sync_remove_word(uintptr_t word);
RKC_HIDDEN void rkc__sync_reset(uintptr_t addr); /* e.g. pthread_mutex_init */
RKC_HIDDEN void rkc__sync_fork_lock(void);
RKC_HIDDEN void rkc__sync_fork_unlock(void);

/* HB acquire: t joins the clock released at addr. */
RKC_HIDDEN void rkc__acquire(rkc__thr *t, uintptr_t addr);
/* HB release: addr's clock joins t's; t ticks. */
RKC_HIDDEN void rkc__release(rkc__thr *t, uintptr_t addr);

/* The annotations of sanitizer/tsan_interface.h (__tsan_release and
   __tsan_acquire): the released clock is kept apart from the clock of the
   address's atomics, so a relaxed store ending a C11 release sequence
   there does not erase it. HB release: addr's annotation clock joins t's;
   t ticks. HB acquire: t joins both of addr's clocks (an acquiring atomic
   on addr acquires the annotation clock too). */
RKC_HIDDEN void rkc__annotate_release(rkc__thr *t, uintptr_t addr);
RKC_HIDDEN void rkc__annotate_acquire(rkc__thr *t, uintptr_t addr);

RKC_HIDDEN void rkc__rw_rdlock(rkc__thr *t, uintptr_t addr);
RKC_HIDDEN void rkc__rw_wrlock(rkc__thr *t, uintptr_t addr);
RKC_HIDDEN void rkc__rw_unlock(rkc__thr *t, uintptr_t addr);

RKC_HIDDEN void rkc__barrier_init(uintptr_t addr, unsigned count);
/* Before the real wait: returns the round token for rkc__barrier_depart. */
RKC_HIDDEN unsigned rkc__barrier_arrive(rkc__thr *t, uintptr_t addr);
RKC_HIDDEN void rkc__barrier_depart(rkc__thr *t, uintptr_t addr, unsigned token);

enum { RKC_AT_LOAD, RKC_AT_STORE, RKC_AT_RMW, RKC_AT_CAS };
/* One instrumented atomic operation: rkc__atomic_begin locks the sync
   object of addr when the operation may carry an edge, the caller performs
   the real operation, rkc__atomic_end applies the edge with the order that
   took effect (a failed CAS: set kind to RKC_AT_LOAD, pass the failure
   order) and unlocks. So the value and the clock change together.
   A load does not lock the object: it reads its clock unlocked, and
   rkc__atomic_end returns false when the object changed while it did.
   Then the caller performs the load again and calls rkc__atomic_end
   again, until it returns true. Other kinds always return true. */
typedef struct rkc__atx {
  void *s;
  uintptr_t addr;
  int kind;
  unsigned marks;   /* rkc__sync_marks before the operation */
  unsigned version; /* a load: the object's version when it was found */
  bool locked;      /* s is locked */
} rkc__atx;
RKC_HIDDEN void rkc__atomic_begin(rkc__thr *t, uintptr_t addr, int kind, int mo, rkc__atx *x);
RKC_HIDDEN bool rkc__atomic_end(rkc__thr *t, rkc__atx *x, int mo);
RKC_HIDDEN void rkc__fence(rkc__thr *t, int mo);

#endif /* RACEKIT_INSTRUMENTATION_SYNC_H */
