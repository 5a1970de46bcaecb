/* SPDX-License-Identifier: MIT */
/* Sync objects and their edges (see sync.h). */
#include "sync.h"

#include "shadow.h"

enum { NBUCKETS = 1 << 16, VC_INLINE = 8 };

typedef struct rkc__sync {
  uintptr_t addr;
  struct rkc__sync *next;
  rkc__vc vc;          /* released clock; on vbuf while it fits (one cache line with addr) */
  uint32_t vbuf[VC_INLINE];
  rkc__vc rvc;         /* rwlock: clock released by read unlocks */
  rkc__vc avc;         /* __tsan_release annotations: never reset by atomics */
  bool wr_held;        /* rwlock: write-locked now */
  uint32_t rs_slot;    /* atomics: slot of the release sequence's thread; NO_SLOT if none */
  uint32_t bar_count;  /* barrier: threads per round, 0 if unknown */
  uint32_t bar_arrived;
  rkc__vc bar[2];      /* barrier: clocks of even and odd rounds */
} rkc__sync;

#define NO_SLOT UINT32_MAX

static struct bucket {
  rkc__spin lock;
  rkc__sync *head; /* guarded by lock, and so are the objects' fields */
} buckets[NBUCKETS];

static inline struct bucket *bucket_of(uintptr_t addr) {
  uint64_t h = (uint64_t)addr * 0x9E3779B97F4A7C15ull;
  return &buckets[h >> 48];
}

static rkc__sync *find(struct bucket *b, uintptr_t addr) {
  for (rkc__sync *s = b->head; s; s = s->next)
    if (s->addr == addr)
      return s;
  return NULL;
}

/* Returns the object locked (its bucket's lock held), or NULL unlocked. */
static rkc__sync *get(uintptr_t addr, bool create, struct bucket **bp, bool *created) {
  struct bucket *b = bucket_of(addr);
  *bp = b;
  rkc__spin_lock(&b->lock);
  rkc__sync *s = find(b, addr);
  if (s || !create) {
    if (!s)
      rkc__spin_unlock(&b->lock);
    return s; /* an object exists only with its word's mark (below) */
  }
  /* Mark the word before the object can exist (and before an atomic
     store publishes its value): a thread that sees the value sees the mark.
     Not under the bucket lock: cell lock -> bucket lock is the order. */
  rkc__spin_unlock(&b->lock);
  if (!rkc__shadow_has_sync(addr))
    rkc__shadow_mark_sync(addr);
  rkc__spin_lock(&b->lock);
  s = find(b, addr); /* created meanwhile? */
  if (s)
    return s;
  s = rkc__ialloc(sizeof *s);
  rkc__vc_lend(&s->vc, s->vbuf, VC_INLINE);
  s->addr = addr;
  s->rs_slot = NO_SLOT;
  s->next = b->head;
  b->head = s;
  *created = true;
  return s;
}

static void put(struct bucket *b, uintptr_t addr, bool created) {
  (void)addr;
  (void)created;
  rkc__spin_unlock(&b->lock);
}

static void free_sync(rkc__sync *s) {
  rkc__vc_free(&s->vc);
  rkc__vc_free(&s->rvc);
  rkc__vc_free(&s->avc);
  rkc__vc_free(&s->bar[0]);
  rkc__vc_free(&s->bar[1]);
  rkc__ifree(s, sizeof *s);
}

static void remove_addr(uintptr_t addr) {
  struct bucket *b = bucket_of(addr);
  rkc__spin_lock(&b->lock);
  for (rkc__sync **p = &b->head; *p; p = &(*p)->next) {
    if ((*p)->addr == addr) {
      rkc__sync *s = *p;
      *p = s->next;
      free_sync(s);
      break;
    }
  }
  rkc__spin_unlock(&b->lock);
}

void rkc__sync_remove_word(uintptr_t word) {
  for (unsigned i = 0; i < 8; i++)
    remove_addr(word + i);
}

void rkc__sync_reset(uintptr_t addr) { remove_addr(addr); }

void rkc__sync_fork_lock(void) {
  for (unsigned i = 0; i < NBUCKETS; i++)
    rkc__spin_lock(&buckets[i].lock);
}

void rkc__sync_fork_unlock(void) {
  for (unsigned i = NBUCKETS; i-- > 0;)
    rkc__spin_unlock(&buckets[i].lock);
}

void rkc__acquire(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, false, &b, &created);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->vc);
  put(b, addr, created);
}

void rkc__release(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, true, &b, &created);
  rkc__vc_join(&s->vc, &t->vc);
  put(b, addr, created);
  rkc__thr_tick(t);
}

void rkc__annotate_acquire(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, false, &b, &created);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->avc); /* HB acquire; pairs with rkc__annotate_release */
  rkc__vc_join(&t->vc, &s->vc);  /* and with releasing atomics on addr */
  put(b, addr, created);
}

void rkc__annotate_release(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, true, &b, &created);
  rkc__vc_join(&s->avc, &t->vc); /* HB release; pairs with rkc__annotate_acquire, acquire_part */
  put(b, addr, created);
  rkc__thr_tick(t);
}

void rkc__rw_rdlock(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, false, &b, &created);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->vc); /* only writers' unlocks: readers stay unordered */
  put(b, addr, created);
}

void rkc__rw_wrlock(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, true, &b, &created);
  rkc__vc_join(&t->vc, &s->vc);
  rkc__vc_join(&t->vc, &s->rvc);
  s->wr_held = true;
  put(b, addr, created);
}

void rkc__rw_unlock(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, true, &b, &created);
  if (s->wr_held) {
    s->wr_held = false;
    rkc__vc_join(&s->vc, &t->vc);
  } else {
    rkc__vc_join(&s->rvc, &t->vc);
  }
  put(b, addr, created);
  rkc__thr_tick(t);
}

void rkc__barrier_init(uintptr_t addr, unsigned count) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, true, &b, &created);
  s->bar_count = count;
  s->bar_arrived = 0;
  rkc__vc_clear(&s->bar[0]);
  rkc__vc_clear(&s->bar[1]);
  put(b, addr, created);
}

unsigned rkc__barrier_arrive(rkc__thr *t, uintptr_t addr) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, true, &b, &created);
  unsigned token = 0;
  if (s->bar_count) {
    uint32_t k = s->bar_arrived++;
    token = (k / s->bar_count) & 1;
    /* The first arrival of round r+2 comes after every thread left round
       r (it acquired round r's clock before arriving at r+1). */
    if (k % s->bar_count == 0)
      rkc__vc_clear(&s->bar[token]);
  }
  rkc__vc_join(&s->bar[token], &t->vc); /* HB release; pairs with rkc__barrier_depart() */
  put(b, addr, created);
  rkc__thr_tick(t);
  return token;
}

void rkc__barrier_depart(rkc__thr *t, uintptr_t addr, unsigned token) {
  struct bucket *b;
  bool created = false;
  rkc__sync *s = get(addr, false, &b, &created);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->bar[token & 1]); /* HB acquire; pairs with rkc__barrier_arrive() */
  put(b, addr, created);
}

static inline bool mo_acquires(int mo) {
  return mo == RKC_MO_CONSUME || mo == RKC_MO_ACQUIRE || mo == RKC_MO_ACQ_REL || mo == RKC_MO_SEQ_CST;
}
static inline bool mo_releases(int mo) {
  return mo == RKC_MO_RELEASE || mo == RKC_MO_ACQ_REL || mo == RKC_MO_SEQ_CST;
}

static void acquire_part(rkc__thr *t, rkc__sync *s, int mo) {
  /* An annotation's release (avc) is acquired too, as by ThreadSanitizer,
     whose atomics and annotations share one clock per address. */
  /* (an empty clock, the annotations' in most programs, is not joined) */
  if (mo_acquires(mo)) {
    if (s->vc.n)
      rkc__vc_join(&t->vc, &s->vc); /* HB acquire; pairs with the release in store/rmw */
    if (s->avc.n)
      rkc__vc_join(&t->vc, &s->avc); /* HB acquire; pairs with rkc__annotate_release */
  } else if (s->vc.n || s->avc.n) {
    if (s->vc.n)
      rkc__vc_join(&t->acqpend, &s->vc); /* applied by an acquire fence */
    if (s->avc.n)
      rkc__vc_join(&t->acqpend, &s->avc);
    t->has_acqpend = true;
  }
}

void rkc__atomic_begin(rkc__thr *t, uintptr_t addr, int kind, int mo, rkc__atx *x) {
  x->kind = kind;
  x->addr = addr;
  x->s = NULL;
  x->created = false;
  bool create = kind != RKC_AT_LOAD && (mo_releases(mo) || t->has_relfence);
  /* HB acquire; pairs with the count's release in rkc__shadow_mark_sync:
     read before the mark, so a mark this check misses changes the count. */
  x->marks = atomic_load_explicit(&rkc__sync_marks, memory_order_acquire);
  if (!create && !rkc__shadow_has_sync(addr))
    return;
  struct bucket *b;
  x->s = get(addr, create, &b, &x->created);
  x->bucket = b;
}

void rkc__atomic_end(rkc__thr *t, rkc__atx *x, int mo) {
  rkc__sync *s = x->s;
  if (!s) {
    /* The location got its first sync object while we operated on it: the
       value we read may come from that release; acquire it now. Its mark
       came before the releasing operation, which came before ours read
       its value: the count has changed then (no new mark anywhere, the
       common case, skips the shadow lookup). */
    if (x->kind != RKC_AT_STORE &&
        atomic_load_explicit(&rkc__sync_marks, memory_order_acquire) != x->marks &&
        rkc__shadow_has_sync(x->addr)) {
      struct bucket *b;
      bool created = false;
      s = get(x->addr, false, &b, &created);
      if (s) {
        acquire_part(t, s, mo);
        put(b, x->addr, false);
      }
    }
    return;
  }
  bool rel = mo_releases(mo);
  switch (x->kind) {
  case RKC_AT_LOAD:
    acquire_part(t, s, mo);
    rel = false;
    break;
  case RKC_AT_STORE:
    if (rel) {
      rkc__vc_copy(&s->vc, &t->vc); /* HB release: heads a new release sequence */
      s->rs_slot = t->slot;
    } else if (s->rs_slot == t->slot) {
      if (t->has_relfence)
        rkc__vc_join(&s->vc, &t->relfence); /* same thread: the sequence goes on */
    } else if (t->has_relfence) {
      rkc__vc_copy(&s->vc, &t->relfence); /* HB release by the earlier release fence */
      s->rs_slot = t->slot;
    } else {
      rkc__vc_clear(&s->vc); /* another thread's relaxed store ends the sequence */
      s->rs_slot = NO_SLOT;
    }
    break;
  default: /* RMW, successful CAS */
    acquire_part(t, s, mo);
    if (rel)
      rkc__vc_join(&s->vc, &t->vc); /* HB release; an RMW continues the release sequence */
    else if (t->has_relfence)
      rkc__vc_join(&s->vc, &t->relfence);
    if (s->rs_slot == NO_SLOT)
      s->rs_slot = t->slot;
    break;
  }
  put(x->bucket, x->addr, x->created);
  if (rel)
    rkc__thr_tick(t);
}

void rkc__fence(rkc__thr *t, int mo) {
  if (mo_acquires(mo) && t->has_acqpend) {
    rkc__vc_join(&t->vc, &t->acqpend); /* HB acquire of what earlier relaxed loads read */
    rkc__vc_clear(&t->acqpend);
    t->has_acqpend = false;
  }
  if (mo_releases(mo)) {
    rkc__vc_copy(&t->relfence, &t->vc); /* published by later relaxed stores */
    t->has_relfence = true;
    rkc__thr_tick(t);
  }
}
