/* SPDX-License-Identifier: MIT */
/* Logical threads of the checker (pthreads, the main thread, fibers and
 * racekit goroutines): their vector clocks, shadow call stacks, slots and
 * descriptors.
 * DESIGN: a slot is a column of every vector clock. A finished thread's
 * slot is reused only by a thread whose creator's clock already covers the
 * slot's final clock (so every access of the old generation truly happens
 * before the new thread, and per-slot clocks stay monotonic: the new
 * generation starts above the old one). Only when more than
 * RKC_SLOT_SOFT_LIMIT slots exist is a slot whose last clock nobody knows
 * reused; its old accesses are then treated as ordered before the new
 * thread (a possible missed race, never a false one).
 */
#ifndef RACEKIT_INSTRUMENTATION_THREAD_H
#define RACEKIT_INSTRUMENTATION_THREAD_H

#include "vclock.h"

enum {
  RKC_MAX_SLOTS = 65535,      /* 16 bits in a shadow record */
  RKC_SLOT_SOFT_LIMIT = 2048, /* see DESIGN above */
  RKC_SSTACK_CAP = 2048,      /* shadow call stack frames kept per thread */
  RKC_SCACHE = 256,           /* per-thread depot cache entries */
  RKC_SMEMO = 64,             /* per-thread memo of recent access stack ids (power of 2) */
  RKC_SIDX_MEMO = 64,         /* per-thread memo of recent stack table indices (power of 2) */
  RKC_XMEMO = 64,             /* per-thread memo of out-of-line words and its reads of them (power of 2) */
  RKC_MAX_PENDING_SIGS = 16
};
#define RKC_TOP_NONE UINT32_MAX

typedef struct rkc__tdesc {
  int tid;
  rkc_thread_kind kind;     /* written by its owner before it races anything */
  long goid;                /* guarded by the registry lock */
  int parent_tid;
  uint32_t create_stk;      /* depot id of the creation site */
  uint32_t slot;
  uint32_t start_clock;     /* first clock of this generation of slot */
  int prev_in_slot;         /* tid of the previous generation, -1 if none */
  atomic_bool running;      /* atomic: relaxed, report-time information only */
  uintptr_t stk_lo, stk_hi; /* OS stack of a pthread/main thread; 0 if unknown */
  int os_tid;               /* gettid() of a pthread/main thread; 0 if unknown */
} rkc__tdesc;

typedef struct rkc__scache {
  uint32_t parent, id;
  uintptr_t pc;
} rkc__scache;

typedef struct rkc__thr {
  /* hot: read by every instrumented access of the owner */
  uint64_t ep;        /* clock | slot << 32, the owner's current epoch */
  uint64_t ep8;       /* ep with all 8 bytes' mask bits: a plain 8-byte access's record of this epoch */
  uint32_t slot;
  uint32_t clock;     /* == vc.c[slot] */
  int in_rt;          /* >0 inside the runtime: interceptors pass through, signals deferred */
  int ignore;         /* >0: accesses are not checked */
  int depth;          /* shadow call stack depth (may exceed RKC_SSTACK_CAP) */
  int valid;          /* snodes[0..valid) are computed */
  uint32_t top;       /* snodes[depth - 1] (0 at depth 0) while valid == depth, else RKC_TOP_NONE */
  struct rkc__sidx_memo { /* owner only: recent (leaf stack table, stack id) -> index (shadow.h) */
    void *tab;
    uint32_t stk;
    uint32_t bits; /* the index in RKC_REC_SIDX's place, shifted down by 32; 0: not in the table */
  } sidx[RKC_SIDX_MEMO];
  uintptr_t *spcs;    /* caller pcs of func_entry, outermost first */
  uint32_t *snodes;   /* depot id of spcs[0..i] */
  struct rkc__smemo {  /* owner only: recent (parent node, pc) -> stack id, two-way (rkc__smemo_find) */
    uintptr_t pc;
    uint32_t parent, id;
    uintptr_t leaf;    /* the leaf of this site's last access (a hot cell's address >> RKC_LEAF_SHIFT, shadow.h), or 0 */
    uint32_t sbits;    /* id's index in leaf's stack table, in RKC_REC_SIDX's place shifted down by 32 */
  } memo[RKC_SMEMO];
  rkc__vc vc;         /* owned by the thread; read by its joiner after it finished */
  rkc__vc relfence;   /* clock at the last release fence (relaxed stores publish it) */
  bool has_relfence;
  rkc__vc acqpend;    /* joined from relaxed loads; an acquire fence applies it */
  bool has_acqpend;
  int tid;
  rkc__tdesc *desc;
  /* guarded by the registry lock */
  bool finished, detached, joined, fiber;
  struct rkc__thr *last_fiber; /* owner only: the last fiber it created (rk_go labels it) */
  struct rkc__thr *lnext, *lprev; /* list of unfreed threads */
  /* signals deferred while in_rt (intercept_signal.c): a ring; owner only */
  int npending, phead;
  struct rkc__pending_sig {
    int sig;
    char info[128]; /* siginfo_t */
  } pending[RKC_MAX_PENDING_SIGS];
  rkc__scache scache[RKC_SCACHE];
  struct rkc__xmemo { /* an out-of-line word (shadow.c): the owner's, but see drec */
    uintptr_t cell;   /* the hot cell's address, 0: none */
    uint64_t rec;     /* this thread's read entry as it last left it (0: none) */
    uint64_t gen;     /* xgen then */
    void *ext;        /* the cell's out-of-line block then (its owner word says if still) */
    /* Deferred records (shadow.c, ext_deferred): this thread's latest
       atomic write [0] and read (atomic or plain) [1] of the word, newer
       than its marked entries in ext, whose index + 1 is in dmark (0: no
       mark).
       Read by a thread that locks the block (ext_collect): cell, ext
       and dmark change only under the block's lock, or once the marks
       are gone. */
    _Atomic uint64_t drec[2];
    uint32_t dmark[2];
  } xmemo[RKC_XMEMO];
  uint64_t xgen;      /* owner only: memory this thread cleared since (rkc__shadow_clear) */
  uint64_t ev_next, ev_end; /* owner only: indices of the event log reserved (events.c) */
  uint64_t ev_when;         /* owner only: the time stamp of their reservation */
} rkc__thr;

/* The horizon: a record of slot s with clock <= rkc__horizon[s] is
   ordered before every access any logical thread can still make, so it
   can never race and may be forgotten. Raised when a thread creates
   another while it is the only one running (the program's set-up before
   its first thread, or between batches of joined threads): every thread
   running later descends from it and starts with its clock. A thread
   whose creator the checker did not see starts with the horizon in its
   clock. Relaxed: a stale (lower) value only forgets less. */
extern _Atomic uint32_t rkc__horizon[1 << 16]; /* by slot: 16 bits in a record */

/* The logical thread holding each slot, from its creation to its finish
   (NULL before and after): for reading its deferred records
   (shadow.c, ext_collect). Release on publish. */
extern _Atomic(rkc__thr *) rkc__slot_thr[1 << 16];

/* The logical thread running on this OS thread (a fiber switch changes it). */
extern RKC_TLS rkc__thr *rkc__cur;

RKC_INLINE void rkc__thr_tick(rkc__thr *t) {
  t->clock++;
  t->vc.c[t->slot] = t->clock;
  t->ep = (uint64_t)t->clock | (uint64_t)t->slot << 32;
  t->ep8 = t->ep | (uint64_t)0xFF << 48;
}

/* The main thread (tid 0). Idempotent. */
RKC_HIDDEN rkc__thr *rkc__thr_main(void);
/* A new logical thread created by parent (NULL: none known). The child's
   clock starts as a copy of the parent's; the parent ticks.
   HB: parent's past -> child's future (creation). */
RKC_HIDDEN rkc__thr *rkc__thr_new(rkc__thr *parent, rkc_thread_kind kind, uint32_t create_stk);
/* t has run its last instrumented access. */
RKC_HIDDEN void rkc__thr_finish(rkc__thr *t);
/* Is t the only logical thread not finished? If so (true), none can
   start until rkc__thr_alone_end(): every thread, known to the checker or
   not, registers before its first access, and registering waits. Between
   the two, the caller calls nothing that registers or finishes threads. */
RKC_HIDDEN bool rkc__thr_alone_begin(const rkc__thr *t);
/* Might the caller be alone? A hint, without the lock: false means other
   threads ran a moment ago (the caller need not try). */
RKC_HIDDEN bool rkc__thr_alone_hint(void);
RKC_HIDDEN void rkc__thr_alone_end(void);
/* joiner acquires t's final clock; t's slot becomes reusable; t is freed. */
RKC_HIDDEN void rkc__thr_join(rkc__thr *joiner, rkc__thr *t);
/* No joiner will come: free t once finished (now if already finished). */
RKC_HIDDEN void rkc__thr_detach(rkc__thr *t);
/* Descriptor of tid (NULL if unknown). Valid for the whole run. */
RKC_HIDDEN rkc__tdesc *rkc__tdesc_get(int tid);
/* The thread that owned slot at clock; -1 if unknown. */
RKC_HIDDEN int rkc__slot_tid(uint32_t slot, uint32_t clock);
/* Stack depot id of t's current call stack extended by pc. */
RKC_HIDDEN uint32_t rkc__thr_stack_id(rkc__thr *t, uintptr_t pc);
/* The same, inline when the shadow stack is computed up to the current
   depth and (its innermost node, pc) is in the memo: no call, no lock. */
RKC_INLINE unsigned rkc__smemo_idx(uintptr_t pc, uint32_t parent) {
  /* the sites of one loop differ in their low pc bits; the parent's
     node id (the depot numbers nodes in order of creation) moves the
     loops of different callers to other sets */
  return ((unsigned)pc ^ parent) & (RKC_SMEMO - 1);
}
/* The memo entry of (pc, parent), or NULL. Two-way: entries idx and
   idx ^ 1 form a set, so two access sites of one loop never evict each
   other whatever their hashes (which ASLR changes from run to run). */
RKC_INLINE struct rkc__smemo *rkc__smemo_find(rkc__thr *t, uintptr_t pc, uint32_t parent) {
  unsigned i = rkc__smemo_idx(pc, parent);
  struct rkc__smemo *e = &t->memo[i];
  if (RKC_LIKELY(e->pc == pc && e->parent == parent && e->id))
    return e;
  e = &t->memo[i ^ 1];
  if (e->pc == pc && e->parent == parent && e->id)
    return e;
  return NULL;
}
RKC_INLINE uint32_t rkc__thr_stack_id_fast(rkc__thr *t, uintptr_t pc) {
  if (RKC_LIKELY(t->top != RKC_TOP_NONE)) {
    const struct rkc__smemo *e = rkc__smemo_find(t, pc, t->top);
    if (RKC_LIKELY(e != NULL))
      return e->id;
  }
  return rkc__thr_stack_id(t, pc);
}
/* The slot of (parent, pc) in t's cache of depot children, and the
   child's id if it is there (else 0). */
RKC_INLINE rkc__scache *rkc__scache_slot(rkc__thr *t, uintptr_t pc, uint32_t parent) {
  return &t->scache[(uint32_t)((pc >> 2) ^ (pc >> 12) ^ (parent * 31u)) & (RKC_SCACHE - 1)];
}
RKC_INLINE uint32_t rkc__scache_hit(const rkc__scache *e, uintptr_t pc, uint32_t parent) {
  return e->pc == pc && e->parent == parent ? e->id : 0;
}
/* After a function entry (the caller's node computed, the new frame's
   not): the new frame's node from the cache alone, without a call. False
   when it is not there (rkc__thr_stack_id computes it). */
RKC_INLINE bool rkc__thr_top_extend(rkc__thr *t) {
  int d = t->depth;
  if (d < 1 || d > RKC_SSTACK_CAP || t->valid != d - 1)
    return false;
  uint32_t parent = d > 1 ? t->snodes[d - 2] : 0;
  uintptr_t pc = t->spcs[d - 1];
  uint32_t id = rkc__scache_hit(rkc__scache_slot(t, pc, parent), pc, parent);
  if (!id)
    return false;
  t->snodes[d - 1] = t->top = id;
  t->valid = d;
  return true;
}
/* t's depth changed (a return or a longjmp): the innermost node is known
   again if the stack is computed that deep. */
RKC_INLINE void rkc__thr_top_update(rkc__thr *t) {
  int d = t->depth;
  t->top = d != t->valid || d < 0 ? RKC_TOP_NONE : d ? t->snodes[d - 1] : 0;
}
/* Number of descriptors (tids handed out). */
RKC_HIDDEN int rkc__tdesc_count(void);
/* Set the goroutine id of t's descriptor. */
RKC_HIDDEN void rkc__thr_set_goroutine(rkc__thr *t, long goid, int parent_tid, uint32_t create_stk);
/* After fork in the child: only `self` survives. Returns whether any
   other logical thread was unfinished (running, or a fiber) at the fork. */
RKC_HIDDEN bool rkc__thr_after_fork_child(rkc__thr *self);
RKC_HIDDEN void rkc__thr_fork_lock(void);
RKC_HIDDEN void rkc__thr_fork_unlock(void);

#endif /* RACEKIT_INSTRUMENTATION_THREAD_H */
