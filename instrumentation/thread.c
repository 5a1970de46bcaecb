/* SPDX-License-Identifier: MIT */
/* Thread registry: slots, descriptors, creation/finish/join (see thread.h).
 * DESIGN: reg_lock guards the slot table, the free-slot list, the list of
 * unfreed threads and the registry fields of rkc__thr. Descriptors live in
 * chunks published with release stores and are never freed, so report
 * time reads them without the lock.
 */
#include "thread.h"

#include "depot.h"
#include "shadow.h"

enum { DCHUNK_SHIFT = 12, DCHUNK = 1 << DCHUNK_SHIFT, NDCHUNKS = 1 << 12 };

RKC_TLS rkc__thr *rkc__cur;

static rkc__spin reg_lock;
static struct slotinfo {
  uint32_t last_clock; /* final clock of the last finished generation */
  int last_tid;        /* newest generation's tid, -1 if never used */
} slots[RKC_MAX_SLOTS]; /* guarded by reg_lock */
static uint32_t nslots;                 /* guarded by reg_lock */
static uint32_t free_slots[RKC_MAX_SLOTS]; /* guarded by reg_lock; newest last */
static uint32_t nfree;                  /* guarded by reg_lock */
static rkc__thr *live;                  /* guarded by reg_lock */
/* Created and not finished; written under reg_lock, read without it only
   as a hint (rkc__thr_alone_hint, and rkc__thr_alone_begin before it
   takes the lock and reads it again). */
static _Atomic uint32_t nrunning;
static void running_add(int d) { /* called with reg_lock held */
  atomic_store_explicit(&nrunning, atomic_load_explicit(&nrunning, memory_order_relaxed) + (uint32_t)d,
                        memory_order_relaxed);
}
_Atomic uint32_t rkc__horizon[1 << 16]; /* raised under reg_lock; read anywhere */
_Atomic(rkc__thr *) rkc__slot_thr[1 << 16];
static _Atomic(rkc__tdesc *) dchunks[NDCHUNKS]; /* atomic: release on publish */
static atomic_int ntids;                /* tids handed out; written under reg_lock */
static rkc__thr main_thr;

rkc__tdesc *rkc__tdesc_get(int tid) {
  if (tid < 0 || tid >= atomic_load_explicit(&ntids, memory_order_acquire))
    return NULL;
  rkc__tdesc *c = atomic_load_explicit(&dchunks[tid >> DCHUNK_SHIFT], memory_order_acquire);
  return c ? &c[tid & (DCHUNK - 1)] : NULL;
}

int rkc__tdesc_count(void) { return atomic_load_explicit(&ntids, memory_order_acquire); }

/* Called with reg_lock held. */
static rkc__tdesc *new_desc(void) {
  int tid = atomic_load_explicit(&ntids, memory_order_relaxed);
  if ((tid >> DCHUNK_SHIFT) >= NDCHUNKS)
    rkc__die("too many threads over the run");
  rkc__tdesc *c = atomic_load_explicit(&dchunks[tid >> DCHUNK_SHIFT], memory_order_relaxed);
  if (!c) {
    c = rkc__imap(sizeof(rkc__tdesc) * DCHUNK);
    /* HB release; pairs with the acquire in rkc__tdesc_get(). */
    atomic_store_explicit(&dchunks[tid >> DCHUNK_SHIFT], c, memory_order_release);
  }
  rkc__tdesc *d = &c[tid & (DCHUNK - 1)];
  d->tid = tid;
  /* HB release; pairs with the acquire in rkc__tdesc_get(). */
  atomic_store_explicit(&ntids, tid + 1, memory_order_release);
  return d;
}

/* Called with reg_lock held. parent may be NULL. */
static uint32_t alloc_slot(const rkc__thr *parent) {
  uint32_t lim = nfree < 64 ? nfree : 64;
  for (uint32_t k = 0; k < lim; k++) {
    uint32_t i = nfree - 1 - k;
    uint32_t s = free_slots[i];
    if (parent && rkc__vc_get(&parent->vc, s) >= slots[s].last_clock) {
      free_slots[i] = free_slots[--nfree];
      return s;
    }
  }
  if (nfree && (nslots >= RKC_SLOT_SOFT_LIMIT || nslots >= RKC_MAX_SLOTS)) {
    uint32_t s = free_slots[0];
    free_slots[0] = free_slots[--nfree];
    return s;
  }
  if (nslots >= RKC_MAX_SLOTS)
    rkc__die("more than 65535 threads alive at once");
  slots[nslots].last_tid = -1;
  return nslots++;
}

static void link_live(rkc__thr *t) {
  t->lprev = NULL;
  t->lnext = live;
  if (live)
    live->lprev = t;
  live = t;
}

static void unlink_live(rkc__thr *t) {
  if (t->lprev)
    t->lprev->lnext = t->lnext;
  else if (live == t)
    live = t->lnext;
  if (t->lnext)
    t->lnext->lprev = t->lprev;
  t->lnext = t->lprev = NULL;
}

static void init_thr(rkc__thr *t, const rkc__thr *parent, rkc_thread_kind kind, uint32_t create_stk) {
  /* called with reg_lock held */
  uint32_t s = alloc_slot(parent);
  rkc__tdesc *d = new_desc();
  d->kind = kind;
  d->parent_tid = parent ? parent->tid : -1;
  d->create_stk = create_stk;
  d->slot = s;
  d->start_clock = slots[s].last_clock + 1;
  d->prev_in_slot = slots[s].last_tid;
  atomic_store_explicit(&d->running, true, memory_order_relaxed);
  slots[s].last_tid = d->tid;
  t->tid = d->tid;
  t->desc = d;
  t->slot = s;
  if (parent) {
    rkc__vc_copy(&t->vc, &parent->vc); /* HB acquire of the creator's release below */
  } else if (t != &main_thr) {
    /* Created behind the checker's back: after the horizon (thread.h). */
    for (uint32_t i = 0; i < nslots; i++) {
      uint32_t h = atomic_load_explicit(&rkc__horizon[i], memory_order_relaxed);
      if (h > rkc__vc_get(&t->vc, i))
        rkc__vc_set(&t->vc, i, h);
    }
  }
  rkc__vc_set(&t->vc, s, d->start_clock);
  t->clock = d->start_clock;
  t->ep = (uint64_t)t->clock | (uint64_t)s << 32;
  t->ep8 = t->ep | (uint64_t)0xFF << 48;
  t->spcs = rkc__ialloc(sizeof(uintptr_t) * RKC_SSTACK_CAP);
  t->snodes = rkc__ialloc(sizeof(uint32_t) * RKC_SSTACK_CAP);
  link_live(t);
  running_add(1);
  atomic_store_explicit(&rkc__slot_thr[s], t, memory_order_release);
}

/* parent, the only thread running, creates one: every thread that will
   run from now on starts with its clock (thread.h). Called with reg_lock
   held. */
static void raise_horizon(const rkc__thr *parent) {
  for (uint32_t i = 0; i < nslots; i++) {
    uint32_t c = rkc__vc_get(&parent->vc, i);
    if (c > atomic_load_explicit(&rkc__horizon[i], memory_order_relaxed))
      atomic_store_explicit(&rkc__horizon[i], c, memory_order_relaxed);
  }
}

rkc__thr *rkc__thr_main(void) {
  rkc__spin_lock(&reg_lock);
  if (!main_thr.desc)
    init_thr(&main_thr, NULL, RKC_THREAD_MAIN, 0);
  rkc__spin_unlock(&reg_lock);
  return &main_thr;
}

rkc__thr *rkc__thr_new(rkc__thr *parent, rkc_thread_kind kind, uint32_t create_stk) {
  rkc__thr *t = rkc__ialloc(sizeof *t);
  rkc__spin_lock(&reg_lock);
  if (parent && atomic_load_explicit(&nrunning, memory_order_relaxed) == 1 && !parent->finished)
    raise_horizon(parent);
  init_thr(t, parent, kind, create_stk);
  rkc__spin_unlock(&reg_lock);
  if (parent)
    rkc__thr_tick(parent); /* HB release: creation; pairs with the copy in init_thr() */
  return t;
}

static void free_thr(rkc__thr *t) {
  /* called with reg_lock held */
  unlink_live(t);
  rkc__vc_free(&t->vc);
  rkc__vc_free(&t->relfence);
  rkc__vc_free(&t->acqpend);
  rkc__ifree(t->spcs, sizeof(uintptr_t) * RKC_SSTACK_CAP);
  rkc__ifree(t->snodes, sizeof(uint32_t) * RKC_SSTACK_CAP);
  if (t != &main_thr)
    rkc__ifree(t, sizeof *t);
}

static void release_slot(const rkc__thr *t) {
  /* called with reg_lock held */
  slots[t->slot].last_clock = t->clock;
  free_slots[nfree++] = t->slot;
}

bool rkc__thr_alone_hint(void) { return atomic_load_explicit(&nrunning, memory_order_relaxed) == 1; }
bool rkc__thr_alone_begin(const rkc__thr *t) {
  /* the hint first: frees in a program with threads running take no lock */
  if (!rkc__thr_alone_hint())
    return false;
  rkc__spin_lock(&reg_lock);
  if (atomic_load_explicit(&nrunning, memory_order_relaxed) == 1 && !t->finished)
    return true;
  rkc__spin_unlock(&reg_lock);
  return false;
}
void rkc__thr_alone_end(void) { rkc__spin_unlock(&reg_lock); }

void rkc__thr_finish(rkc__thr *t) {
  /* Its deferred records into their blocks: none of its memos is
     read after this (its slot may be reused once it is joined). */
  rkc__shadow_flush_deferred(t);
  atomic_store_explicit(&rkc__slot_thr[t->slot], NULL, memory_order_relaxed);
  rkc__spin_lock(&reg_lock);
  if (!t->finished)
    running_add(-1);
  t->finished = true;
  atomic_store_explicit(&t->desc->running, false, memory_order_relaxed);
  if (t->detached) {
    release_slot(t);
    free_thr(t);
  }
  rkc__spin_unlock(&reg_lock);
}

void rkc__thr_join(rkc__thr *joiner, rkc__thr *t) {
  /* HB acquire: the joined thread's whole life; pairs with its finish. */
  rkc__vc_join(&joiner->vc, &t->vc);
  rkc__spin_lock(&reg_lock);
  t->joined = true;
  release_slot(t);
  free_thr(t);
  rkc__spin_unlock(&reg_lock);
}

void rkc__thr_detach(rkc__thr *t) {
  rkc__spin_lock(&reg_lock);
  t->detached = true;
  if (t->finished) {
    release_slot(t);
    free_thr(t);
  }
  rkc__spin_unlock(&reg_lock);
}

int rkc__slot_tid(uint32_t slot, uint32_t clock) {
  int tid;
  rkc__spin_lock(&reg_lock);
  tid = slot < nslots ? slots[slot].last_tid : -1;
  rkc__spin_unlock(&reg_lock);
  while (tid >= 0) {
    rkc__tdesc *d = rkc__tdesc_get(tid);
    if (!d)
      return -1;
    if (d->start_clock <= clock)
      return tid;
    tid = d->prev_in_slot;
  }
  return -1;
}

void rkc__thr_set_goroutine(rkc__thr *t, long goid, int parent_tid, uint32_t create_stk) {
  rkc__spin_lock(&reg_lock);
  rkc__tdesc *d = t->desc;
  d->goid = goid;
  if (d->kind != RKC_THREAD_MAIN) {
    d->kind = RKC_THREAD_GOROUTINE;
    if (parent_tid >= 0) {
      d->parent_tid = parent_tid;
      d->create_stk = create_stk;
    }
  }
  rkc__spin_unlock(&reg_lock);
}

static inline uint32_t cached_child(rkc__thr *t, uint32_t parent, uintptr_t pc) {
  rkc__scache *e = rkc__scache_slot(t, pc, parent);
  uint32_t id = rkc__scache_hit(e, pc, parent);
  if (id)
    return id;
  id = rkc__depot_child(parent, pc);
  e->pc = pc;
  e->parent = parent;
  e->id = id;
  return id;
}

uint32_t rkc__thr_stack_id(rkc__thr *t, uintptr_t pc) {
  int d = t->depth < RKC_SSTACK_CAP ? t->depth : RKC_SSTACK_CAP;
  if (d < 0)
    d = 0;
  if (t->valid > d)
    t->valid = d;
  uint32_t parent = t->valid ? t->snodes[t->valid - 1] : 0;
  for (int i = t->valid; i < d; i++)
    parent = t->snodes[i] = cached_child(t, parent, t->spcs[i]);
  t->valid = d;
  t->top = t->depth == d ? parent : RKC_TOP_NONE; /* deeper than the cap: never inline */
  if (!pc)
    return parent;
  /* (parent, pc) names one depot node whatever the depth: the memo key */
  struct rkc__smemo *e = rkc__smemo_find(t, pc, parent);
  if (e)
    return e->id;
  uint32_t id = cached_child(t, parent, pc);
  /* The set's empty entry, else its entry i, whose key moves to the other
     (evicting that one): never an entry of the set's other key while
     one is empty, or two keys of homes i and i ^ 1 would evict each
     other at every access, each found in neither place. */
  unsigned i = rkc__smemo_idx(pc, parent);
  if (t->memo[i].id && !t->memo[i ^ 1].id)
    i ^= 1;
  else if (t->memo[i].id)
    t->memo[i ^ 1] = t->memo[i];
  e = &t->memo[i];
  e->pc = pc;
  e->parent = parent;
  e->id = id;
  e->leaf = 0;
  return id;
}

bool rkc__thr_after_fork_child(rkc__thr *self) {
  /* Only self survives; the others never finish: mark them so. Their
     memory and slots are kept (they may appear in later reports). */
  bool others = false;
  for (rkc__thr *t = live; t; t = t->lnext) {
    if (t == self || t->finished)
      continue;
    others = true; /* a fiber too: it may have run on another OS thread */
    if (!t->fiber) {
      t->finished = true;
      running_add(-1);
      atomic_store_explicit(&t->desc->running, false, memory_order_relaxed);
    }
  }
  return others;
}

void rkc__thr_fork_lock(void) { rkc__spin_lock(&reg_lock); }
void rkc__thr_fork_unlock(void) { rkc__spin_unlock(&reg_lock); }
