/* SPDX-License-Identifier: MIT */
/* Sync objects and their edges (see sync.h). */
#include "sync.h"

#include "shadow.h"

enum { NBUCKETS = 1 << 16, VC_INLINE = 8, MAX_HOPS = 64 };

/* An object's first cache line holds what every operation on it touches:
   its lock, its address, its released clock and that clock's entries
   while they fit. A lookup takes no lock but the object's own: one line
   changes hands between threads per operation that changes the object,
   none for an atomic load that finds it unchanged (the bucket's line is
   only read, written when objects come and go). */
typedef struct rkc__sync {
  atomic_uint version;       /* the lock: odd while held (see obj_lock) */
  uint32_t rs_slot;          /* atomics: slot of the release sequence's thread; NO_SLOT if none */
  _Atomic uintptr_t addr;    /* 0 while free; written under lock and the bucket's lock */
  rkc__vc vc;                /* released clock; on vbuf while it fits */
  uint32_t vbuf[VC_INLINE];
  _Atomic(struct rkc__sync *) next; /* the bucket's chain; written under the bucket's lock */
  struct rkc__sync *free_next;      /* the free list's; under free_lock */
  rkc__vc rvc;         /* rwlock: clock released by read unlocks */
  rkc__vc avc;         /* __tsan_release annotations: never reset by atomics */
  bool wr_held;        /* rwlock: write-locked now */
  uint32_t bar_count;  /* barrier: threads per round, 0 if unknown */
  uint32_t bar_arrived;
  rkc__vc bar[2];      /* barrier: clocks of even and odd rounds */
} rkc__sync;
_Static_assert(offsetof(rkc__sync, next) == 64, "the object's hot fields fill one cache line");

#define NO_SLOT UINT32_MAX

/* The object's lock is a sequence lock: taking it makes the version odd,
   giving it back makes it even and new. So an atomic load reads the
   object without writing its line (load_unlocked): it reads the version,
   the clock and the version again, and takes what it read only if
   neither a holder nor a change came between. Every writer of the
   object's fields holds the lock. */
static inline void obj_lock(rkc__sync *s) {
  for (unsigned i = 0;; i++) {
    unsigned v = atomic_load_explicit(&s->version, memory_order_relaxed);
    if (!(v & 1) &&
        atomic_compare_exchange_weak_explicit(&s->version, &v, v + 1, memory_order_acquire, memory_order_relaxed))
      break;
    rkc__backoff(i);
  }
  /* The odd version before every store of the holder (the atomic's value
     included): a reader that sees one of them sees it (load_unlocked). */
  atomic_thread_fence(memory_order_release);
}

static inline void obj_unlock(rkc__sync *s) {
  unsigned v = atomic_load_explicit(&s->version, memory_order_relaxed);
  atomic_store_explicit(&s->version, v + 1, memory_order_release);
}

/* The version of s once no one holds it (acquire: the holder's stores). */
static inline unsigned obj_version(rkc__sync *s) {
  for (unsigned i = 0;; i++) {
    unsigned v = atomic_load_explicit(&s->version, memory_order_acquire);
    if (!(v & 1))
      return v;
    rkc__backoff(i);
  }
}

static struct bucket {
  rkc__spin lock;                   /* guards the chain's links and the objects' addr */
  _Atomic(rkc__sync *) head;
} buckets[NBUCKETS];

/* Objects are type-stable: a removed one goes to this list and is only
   ever reused as a sync object, so a lookup that reached it through a
   stale link still reads a lock and an address (and finds it is not the
   object it wanted). */
static rkc__spin free_lock;
static rkc__sync *free_head; /* guarded by free_lock */

static inline struct bucket *bucket_of(uintptr_t addr) {
  uint64_t h = (uint64_t)addr * 0x9E3779B97F4A7C15ull;
  return &buckets[h >> 48];
}

/* Under b's lock. */
static rkc__sync *find(struct bucket *b, uintptr_t addr) {
  for (rkc__sync *s = atomic_load_explicit(&b->head, memory_order_relaxed); s;
       s = atomic_load_explicit(&s->next, memory_order_relaxed))
    if (atomic_load_explicit(&s->addr, memory_order_relaxed) == addr)
      return s;
  return NULL;
}

/* Without b's lock: an object that had addr's address when the walk
   passed it, or NULL when the walk did not find one (there may be one:
   the walk may have left the chain through an object removed and reused
   meanwhile; the caller looks again under the bucket's lock). */
static rkc__sync *walk(struct bucket *b, uintptr_t addr) {
  unsigned hops = 0;
  for (rkc__sync *s = atomic_load_explicit(&b->head, memory_order_acquire); s && hops < MAX_HOPS; hops++) {
    if (atomic_load_explicit(&s->addr, memory_order_relaxed) == addr)
      return s;
    s = atomic_load_explicit(&s->next, memory_order_acquire);
  }
  return NULL;
}

/* The object of addr, locked, or NULL (as walk()). An object locked with
   addr still its address is live: removal clears addr under its lock. */
static rkc__sync *find_lockfree(struct bucket *b, uintptr_t addr) {
  rkc__sync *s = walk(b, addr);
  if (!s)
    return NULL;
  obj_lock(s);
  if (RKC_LIKELY(atomic_load_explicit(&s->addr, memory_order_relaxed) == addr))
    return s;
  obj_unlock(s);
  return NULL;
}

/* The object of addr, not locked, and in *version a version at which it
   was addr's; or NULL (as walk()). */
static rkc__sync *find_unlocked(uintptr_t addr, unsigned *version) {
  rkc__sync *s = walk(bucket_of(addr), addr);
  if (!s)
    return NULL;
  *version = obj_version(s);
  if (RKC_LIKELY(atomic_load_explicit(&s->addr, memory_order_relaxed) == addr))
    return s;
  return NULL;
}

/* A removed (addr 0) or never published object back to the free list. */
static void free_push(rkc__sync *s) {
  rkc__spin_lock(&free_lock);
  s->free_next = free_head;
  free_head = s;
  rkc__spin_unlock(&free_lock);
}

static rkc__sync *new_sync(uintptr_t addr) {
  rkc__spin_lock(&free_lock);
  rkc__sync *s = free_head;
  if (s)
    free_head = s->free_next;
  rkc__spin_unlock(&free_lock);
  if (!s)
    s = rkc__ialloc(sizeof *s); /* zeroed: unlocked, addr 0 */
  /* A stale lookup may hold or take the lock meanwhile: it finds addr 0
     (or, after we publish, the new address, which is then right). */
  obj_lock(s);
  s->rs_slot = NO_SLOT;
  rkc__vc_lend(&s->vc, s->vbuf, VC_INLINE);
  /* rvc, avc and bar[] are empty: zeroed, or freed by remove_addr */
  s->wr_held = false;
  s->bar_count = 0;
  s->bar_arrived = 0;
  atomic_store_explicit(&s->addr, addr, memory_order_relaxed);
  return s;
}

/* The object of addr, locked (put() unlocks it); or NULL if there is none
   and create is false. */
static rkc__sync *get(uintptr_t addr, bool create) {
  struct bucket *b = bucket_of(addr);
  rkc__sync *s = find_lockfree(b, addr);
  if (RKC_LIKELY(s))
    return s;
  rkc__spin_lock(&b->lock);
  s = find(b, addr);
  if (s || !create) {
    if (s)
      obj_lock(s); /* bucket -> object is the order */
    rkc__spin_unlock(&b->lock);
    return s; /* an object exists only with its word's mark (below) */
  }
  /* Mark the word before the object can exist (and before an atomic
     store publishes its value): a thread that sees the value sees the mark.
     Not under the bucket lock: cell lock -> bucket lock is the order. */
  rkc__spin_unlock(&b->lock);
  if (!rkc__shadow_has_sync(addr))
    rkc__shadow_mark_sync(addr);
  s = new_sync(addr);
  rkc__spin_lock(&b->lock);
  rkc__sync *old = find(b, addr); /* created meanwhile? */
  if (old) {
    atomic_store_explicit(&s->addr, 0, memory_order_relaxed);
    obj_unlock(s);
    free_push(s);
    obj_lock(old);
    rkc__spin_unlock(&b->lock);
    return old;
  }
  atomic_store_explicit(&s->next, atomic_load_explicit(&b->head, memory_order_relaxed), memory_order_relaxed);
  atomic_store_explicit(&b->head, s, memory_order_release); /* publishes its fields */
  rkc__spin_unlock(&b->lock);
  return s;
}

static void put(rkc__sync *s) { obj_unlock(s); }

static void remove_addr(uintptr_t addr) {
  struct bucket *b = bucket_of(addr);
  rkc__spin_lock(&b->lock);
  _Atomic(rkc__sync *) *p = &b->head;
  for (rkc__sync *s; (s = atomic_load_explicit(p, memory_order_relaxed)); p = &s->next) {
    if (atomic_load_explicit(&s->addr, memory_order_relaxed) == addr) {
      /* Unlinked, its own link kept: a walk standing on it goes on. */
      atomic_store_explicit(p, atomic_load_explicit(&s->next, memory_order_relaxed), memory_order_relaxed);
      obj_lock(s); /* waits for whoever uses it now */
      atomic_store_explicit(&s->addr, 0, memory_order_relaxed);
      rkc__vc_free(&s->vc);
      rkc__vc_free(&s->rvc);
      rkc__vc_free(&s->avc);
      rkc__vc_free(&s->bar[0]);
      rkc__vc_free(&s->bar[1]);
      obj_unlock(s);
      free_push(s);
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

/* Around fork: every bucket, the free list and every object (a thread
   that is gone in the child must not leave one locked). */
void rkc__sync_fork_lock(void) {
  for (unsigned i = 0; i < NBUCKETS; i++)
    rkc__spin_lock(&buckets[i].lock);
  rkc__spin_lock(&free_lock);
  for (rkc__sync *s = free_head; s; s = s->free_next)
    obj_lock(s);
  for (unsigned i = 0; i < NBUCKETS; i++)
    for (rkc__sync *s = buckets[i].head; s; s = s->next)
      obj_lock(s);
}

void rkc__sync_fork_unlock(void) {
  for (unsigned i = NBUCKETS; i-- > 0;)
    for (rkc__sync *s = buckets[i].head; s; s = s->next)
      obj_unlock(s);
  for (rkc__sync *s = free_head; s; s = s->free_next)
    obj_unlock(s);
  rkc__spin_unlock(&free_lock);
  for (unsigned i = NBUCKETS; i-- > 0;)
    rkc__spin_unlock(&buckets[i].lock);
}

void rkc__acquire(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, false);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->vc);
  put(s);
}

void rkc__release(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, true);
  rkc__vc_join(&s->vc, &t->vc);
  put(s);
  rkc__thr_tick(t);
}

void rkc__annotate_acquire(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, false);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->avc); /* HB acquire; pairs with rkc__annotate_release */
  rkc__vc_join(&t->vc, &s->vc);  /* and with releasing atomics on addr */
  put(s);
}

void rkc__annotate_release(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, true);
  rkc__vc_join(&s->avc, &t->vc); /* HB release; pairs with rkc__annotate_acquire, acquire_part */
  put(s);
  rkc__thr_tick(t);
}

void rkc__rw_rdlock(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, false);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->vc); /* only writers' unlocks: readers stay unordered */
  put(s);
}

void rkc__rw_wrlock(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, true);
  rkc__vc_join(&t->vc, &s->vc);
  rkc__vc_join(&t->vc, &s->rvc);
  s->wr_held = true;
  put(s);
}

void rkc__rw_unlock(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, true);
  if (s->wr_held) {
    s->wr_held = false;
    rkc__vc_join(&s->vc, &t->vc);
  } else {
    rkc__vc_join(&s->rvc, &t->vc);
  }
  put(s);
  rkc__thr_tick(t);
}

void rkc__barrier_init(uintptr_t addr, unsigned count) {
  rkc__sync *s = get(addr, true);
  s->bar_count = count;
  s->bar_arrived = 0;
  rkc__vc_clear(&s->bar[0]);
  rkc__vc_clear(&s->bar[1]);
  put(s);
}

unsigned rkc__barrier_arrive(rkc__thr *t, uintptr_t addr) {
  rkc__sync *s = get(addr, true);
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
  put(s);
  rkc__thr_tick(t);
  return token;
}

void rkc__barrier_depart(rkc__thr *t, uintptr_t addr, unsigned token) {
  rkc__sync *s = get(addr, false);
  if (!s)
    return;
  rkc__vc_join(&t->vc, &s->bar[token & 1]); /* HB acquire; pairs with rkc__barrier_arrive() */
  put(s);
}

static inline bool mo_acquires(int mo) {
  return mo == RKC_MO_CONSUME || mo == RKC_MO_ACQUIRE || mo == RKC_MO_ACQ_REL || mo == RKC_MO_SEQ_CST;
}
static inline bool mo_releases(int mo) {
  return mo == RKC_MO_RELEASE || mo == RKC_MO_ACQ_REL || mo == RKC_MO_SEQ_CST;
}

/* A load's (or RMW's) acquire of one clock read from an object: joined
   into t's clock, or kept for a later acquire fence if mo is relaxed. An
   empty clock (the annotations' in most programs) is not joined. */
static void acquire_clock(rkc__thr *t, const rkc__vc *vc, int mo) {
  if (!vc->n)
    return;
  if (mo_acquires(mo)) {
    rkc__vc_join(&t->vc, vc); /* HB acquire; pairs with the release in store/rmw or rkc__annotate_release */
  } else {
    rkc__vc_join(&t->acqpend, vc); /* applied by an acquire fence */
    t->has_acqpend = true;
  }
}

static void acquire_part(rkc__thr *t, rkc__sync *s, int mo) {
  /* An annotation's release (avc) is acquired too, as by ThreadSanitizer,
     whose atomics and annotations share one clock per address. */
  acquire_clock(t, &s->vc, mo);
  acquire_clock(t, &s->avc, mo);
}

/* x->s for a load: the object of x->addr unlocked, with its version;
   if the unlocked walk misses it, locked; if there is none, NULL. */
static void look_for_load(rkc__atx *x) {
  x->s = find_unlocked(x->addr, &x->version);
  x->locked = false;
  if (x->s)
    return;
  x->s = get(x->addr, false);
  x->locked = x->s != NULL;
  /* (none: rkc__atomic_end looks again, as below) */
  if (!x->s)
    x->marks--;
}

void rkc__atomic_begin(rkc__thr *t, uintptr_t addr, int kind, int mo, rkc__atx *x) {
  x->kind = kind;
  x->addr = addr;
  x->s = NULL;
  x->locked = false;
  bool create = kind != RKC_AT_LOAD && (mo_releases(mo) || t->has_relfence);
  /* HB acquire; pairs with the count's release in rkc__shadow_mark_sync:
     read before the mark, so a mark this check misses changes the count. */
  x->marks = atomic_load_explicit(&rkc__sync_marks, memory_order_acquire);
  if (!create && !rkc__shadow_has_sync(addr))
    return;
  if (kind == RKC_AT_LOAD) {
    look_for_load(x); /* a load reads the object without its lock */
    return;
  }
  /* The word is marked here. Its object may not be published yet: a
     release store of another thread is between its mark and its
     insertion, in get(). A relaxed store after that release store (in
     the modification order) ends its release sequence (atomic_end), and
     one before it must not: a store takes the object, created if need be
     (the other thread's get() then finds it), so that the two stores'
     order is the order of its lock. */
  x->s = get(addr, create || kind == RKC_AT_STORE);
  x->locked = x->s != NULL;
  /* A load (or RMW) may read that store's value while the count changed
     before our look at it: rkc__atomic_end looks for the object again. */
  if (!x->s)
    x->marks--;
}

/* The acquire part of a load that read x->s's clock without its lock:
   the clock counts if the version did not change meanwhile. Every store
   to the word that the load can have read was made under the lock: an
   older one before the version read, whose clock is the one read, a
   newer one under the odd version, which the second read of the version
   sees (fences in obj_lock and here). false: do the load again (after a
   change, or holding the lock when the clock is more than an unlocked
   read copies). */
static bool load_unlocked(rkc__thr *t, rkc__atx *x, int mo) {
  rkc__sync *s = x->s;
  /* Racy reads of fields the lock holder writes, relaxed; kept only if
     the version holds. */
  uint32_t n = __atomic_load_n(&s->vc.n, __ATOMIC_RELAXED);
  bool copied = n <= VC_INLINE && __atomic_load_n(&s->vc.c, __ATOMIC_RELAXED) == s->vbuf &&
                __atomic_load_n(&s->avc.n, __ATOMIC_RELAXED) == 0;
  uint32_t buf[VC_INLINE];
  for (uint32_t i = 0; copied && i < n; i++)
    buf[i] = __atomic_load_n(&s->vbuf[i], __ATOMIC_RELAXED);
  atomic_thread_fence(memory_order_acquire);
  if (atomic_load_explicit(&s->version, memory_order_relaxed) != x->version) {
    look_for_load(x);
    return false;
  }
  if (!copied) {
    obj_lock(s);
    if (RKC_LIKELY(atomic_load_explicit(&s->addr, memory_order_relaxed) == x->addr)) {
      x->locked = true;
    } else {
      obj_unlock(s);
      look_for_load(x);
    }
    return false;
  }
  acquire_clock(t, &(rkc__vc){n, VC_INLINE | RKC_VC_BORROWED, buf}, mo); /* (avc is empty) */
  return true;
}

bool rkc__atomic_end(rkc__thr *t, rkc__atx *x, int mo) {
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
      s = get(x->addr, false);
      if (s) {
        acquire_part(t, s, mo);
        put(s);
      }
    }
    return true;
  }
  if (!x->locked)
    return load_unlocked(t, x, mo);
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
  put(s);
  if (rel)
    rkc__thr_tick(t);
  return true;
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
