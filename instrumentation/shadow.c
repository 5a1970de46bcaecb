/* SPDX-License-Identifier: MIT */
/* Shadow memory and the FastTrack access check (see shadow.h).
 * DESIGN: the L1 table is static (1 MiB of bss, touched sparsely); an L2
 * table (one per GiB of application address space used) and leaves are
 * carved from MAP_NORESERVE chunks under leaf_lock and published with a
 * CAS. A cell's fields change only under its lock bit; the owner's
 * same-epoch fast path reads them without the lock (a stale value can
 * only send it to the slow path or linearize it before a concurrent
 * update).
 */
#include "shadow.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "depot.h"
#include "sync.h"

/* A leaf: 512 hot cells (8 KiB) for one page, carved in order of first
   touch from the hot half of a 64 MiB-aligned chunk; their 512 cold words
   (4 KiB) sit at the matching place of the chunk's cold area (rkc__meta_of)
   and its stack table (64 bytes) in the table area at 48 MiB
   (rkc__stab_of), dense. The chunk's last 15.75 MiB are never touched. */
enum { HOT_BYTES = RKC_CELLS_PER_LEAF * sizeof(rkc__cell), LEAF_USED = HOT_BYTES * 3 / 2,
       CHUNK = 1u << RKC_CHUNK_SHIFT, HOT_AREA = 1u << RKC_HOT_SHIFT };
_Static_assert(HOT_BYTES == 1u << RKC_LEAF_SHIFT, "a hot leaf is 8 KiB");
_Static_assert(sizeof(rkc__meta) * 2 == sizeof(rkc__cell), "cold word: half a hot cell");

_Atomic(rkc__l2e *) rkc__l1[1 << RKC_L1_BITS];
void (*rkc__race_hook)(const rkc__race_info *);
void (*rkc__pending_hook)(rkc__thr *);
atomic_uint rkc__sync_marks;

static rkc__spin leaf_lock;
static char *leaf_bump;   /* guarded by leaf_lock */
static size_t leaf_left;  /* guarded by leaf_lock */
/* The chunks leaves were carved from, in order (rkc__shadow_after_fork_child). */
enum { MAX_CHUNKS = 4096 };
static char *chunks[MAX_CHUNKS]; /* guarded by leaf_lock */
static unsigned nchunks;         /* guarded by leaf_lock */
static atomic_size_t mapped; /* statistics only: relaxed */

/* One block sized to its entries (a power of two, at least 64 bytes):
   the records, then their 32-bit stack ids, so that 64 bytes hold four
   entries (a write and three reads: words expanded only past the compact
   cell's two reads).
   DESIGN: a block has its own lock, in its owner word, so that an atomic
   access (or a read) updating the entries of a word it has seen out of
   line before takes only the block's cache line, not the cell's: the
   cell's line then stays shared between the threads that read it. The
   owner word is the address of the cell the block is attached to, with
   its size class (bits 56-61) and the lock (bit 0); 0 while free. It
   changes only under the block's lock, so a thread that locks a block
   whose owner is its cell holds that cell's entries, however stale the
   pointer it came by (the thread's memo, rkc__xmemo). Blocks are
   type-stable (reused only as blocks, ext_new), so such a pointer always
   leads to an owner word. The order is cell lock, then block lock: code
   that holds the cell's lock and finds the cell out of line locks its
   block too before reading or changing anything (rkc__access_slow,
   clear_cells); attaching and detaching a block happen under both. */
/* DESIGN (deferred records): two threads taking turns at atomic
   accesses to a word, or at reads of a word they share, would move the
   block's line between them at every access, to record each one. When no
   entry of a word can race with a thread's later accesses of one kind
   (atomic write, atomic read, plain read: every entry that could is
   ordered before the thread), the thread's entry of that kind is marked
   (REC_MARK, its memo's dmark) and it keeps its later records of the kind
   and bytes in its memo (drec) only: the block's line stays shared.
   Whoever locks the block first copies every marked entry's record from
   its thread's memo (ext_collect), and removes the marks of the records
   its own access could race with (all of them under the cell's lock),
   whose threads then take the lock and meet it. The owner word's XO_DEFER
   says that no one has locked the block since marks were made: a thread
   stores its record to its memo, then reads the owner word (both
   sequentially consistent), and the locker clears XO_DEFER in the
   compare-exchange that locks, then reads the memos. So either the locker
   reads the record, or the thread sees XO_DEFER cleared and takes the
   lock itself (Dekker). A thread writes its deferred records back before
   its memo entry changes words, and when it finishes. */
typedef struct rkc__ext {
  _Atomic uint64_t owner; /* cell | class << XO_CLS | XO_DEFER | XO_MARKS | XO_LOCK; 0 while free */
  uint32_t nw, nr;        /* entries [0, nw): the writes; [nw, nw + nr): the reads */
  uint64_t rec[];         /* capacity records, then as many stack ids (ext_stk) */
} rkc__ext;

enum { EXT_ENT = sizeof(uint64_t) + sizeof(uint32_t), XO_CLS = 56, EXT_NCLS = 32 };
#define XO_LOCK 1ull
#define XO_CELL (((uint64_t)1 << XO_CLS) - 2)
#define XO_DEFER (1ull << 62) /* marks made, and no one has locked the block since */
#define XO_MARKS (1ull << 63) /* some entry may be marked; changes under the lock */
/* In an entry: its thread may hold newer records of its kind in its memo. */
#define REC_MARK (1ull << 61)
_Static_assert(sizeof(rkc__ext) + 4 * EXT_ENT == 64, "four entries in 64 bytes");

static size_t cls_bytes(unsigned cls) { return (size_t)64 << cls; }
static uint32_t cls_cap(unsigned cls) { return (uint32_t)((cls_bytes(cls) - sizeof(rkc__ext)) / EXT_ENT); }

/* The smallest class holding need entries. */
static unsigned ext_cls_for(uint32_t need) {
  unsigned cls = 0;
  while (cls_cap(cls) < need)
    cls++;
  return cls;
}

static inline unsigned ext_cls(rkc__ext *x) {
  return (unsigned)(atomic_load_explicit(&x->owner, memory_order_relaxed) >> XO_CLS) & 63u;
}
static inline uint32_t ext_capof(rkc__ext *x) { return cls_cap(ext_cls(x)); }

/* Free blocks, per class; the link is in the first record (the owner
   word stays 0). */
static struct {
  rkc__spin lock;
  rkc__ext *head; /* guarded by lock */
} ext_free[EXT_NCLS];

/* A block for cell c with room for need entries, locked (the caller
   attaches it and unlocks it, ext_unlock, before the cell's lock). */
static rkc__ext *ext_new(rkc__cell *c, uint32_t need) {
  const unsigned cls = ext_cls_for(need);
  if (cls >= EXT_NCLS)
    rkc__die("too many records for one word in the shadow");
  rkc__spin_lock(&ext_free[cls].lock);
  rkc__ext *x = ext_free[cls].head;
  if (x)
    ext_free[cls].head = (rkc__ext *)(uintptr_t)x->rec[0];
  rkc__spin_unlock(&ext_free[cls].lock);
  if (!x)
    x = rkc__ialloc(cls_bytes(cls)); /* never freed: type-stable */
  x->nw = x->nr = 0;
  atomic_store_explicit(&x->owner, (uintptr_t)c | (uint64_t)cls << XO_CLS | XO_LOCK, memory_order_relaxed);
  return x;
}

static inline uint32_t *ext_stk(rkc__ext *x);
static inline struct rkc__xmemo *xmemo_of(rkc__thr *t, rkc__cell *c);

/* Can an access (write, atomic) race with the record e of kind e_write? */
static inline bool conflicts(uint64_t e, bool e_write, bool write, bool atomic) {
  return (e_write || write) && !((e & RKC_REC_ATOMIC) && atomic);
}

enum { ACC_ANY = -1 }; /* ext_collect: a locker that may add any record */

/* Under x's lock, taken for an access of class acc (RKC_ACC_WRITE and
   RKC_ACC_ATOMIC bits, or ACC_ANY): every marked entry takes its thread's
   deferred record (a thread not found, or whose memo is no longer about
   x: the entry stands); the marks of the records the access could race
   with go (their threads' next accesses of the word take the lock and
   meet it), the others stay. */
static RKC_NOINLINE void ext_collect(rkc__ext *x, int acc) {
  const uint64_t o = atomic_load_explicit(&x->owner, memory_order_relaxed);
  const uintptr_t c = (uintptr_t)(o & XO_CELL);
  const uint32_t nw = x->nw, end = x->nw + x->nr;
  uint32_t *xs = ext_stk(x);
  bool left = false;
  for (uint32_t i = 0; i < end; i++) {
    uint64_t e = x->rec[i];
    if (!(e & REC_MARK))
      continue;
    const unsigned k = i >= nw;
    rkc__thr *th = atomic_load_explicit(&rkc__slot_thr[RKC_REC_SLOT(e)], memory_order_acquire);
    struct rkc__xmemo *m = th ? xmemo_of(th, (rkc__cell *)c) : NULL;
    if (m && __atomic_load_n(&m->cell, __ATOMIC_RELAXED) == c && __atomic_load_n(&m->ext, __ATOMIC_RELAXED) == x &&
        __atomic_load_n(&m->dmark[k], __ATOMIC_RELAXED)) {
      /* HB: after the lock's compare-exchange (Dekker, above) */
      const uint64_t d = atomic_load_explicit(&m->drec[k], memory_order_seq_cst);
      if (d != (e & ~REC_MARK)) {
        e = d | REC_MARK; /* (a deferred record has its stack index) */
        xs[i] = atomic_load_explicit(&rkc__stab_of((rkc__cell *)c)[(d & RKC_REC_SIDX) >> RKC_REC_SIDX_SHIFT],
                                     memory_order_relaxed);
      }
      if (acc == ACC_ANY || conflicts(e, k == 0, acc & RKC_ACC_WRITE, acc & RKC_ACC_ATOMIC))
        e &= ~REC_MARK;
      else
        left = true;
    } else {
      e &= ~REC_MARK; /* its thread finished, or its memo moved on: the entry is its last */
    }
    x->rec[i] = e;
  }
  if (!left)
    atomic_store_explicit(&x->owner, o & ~XO_MARKS, memory_order_relaxed);
}

/* After the compare-exchange that took x's lock bit and cleared XO_DEFER
   (sequentially consistent: the Dekker handshake of ext_deferred): the
   marked entries collected, if any. */
static inline void ext_take(rkc__ext *x, int acc) {
  if (atomic_load_explicit(&x->owner, memory_order_relaxed) & XO_MARKS)
    ext_collect(x, acc);
}

/* Lock x, attached to the cell whose lock the caller holds; its marks go. */
static inline void ext_lock(rkc__ext *x) {
  for (unsigned i = 0;; i++) {
    uint64_t o = atomic_load_explicit(&x->owner, memory_order_relaxed);
    if (!(o & XO_LOCK) &&
        atomic_compare_exchange_weak_explicit(&x->owner, &o, (o | XO_LOCK) & ~XO_DEFER, memory_order_seq_cst,
                                              memory_order_relaxed)) {
      ext_take(x, ACC_ANY);
      return;
    }
    rkc__backoff(i);
  }
}

/* Lock x if it is (still) c's block, without c's lock, for an access of
   class acc (ext_collect); false if not. */
static inline bool ext_lock_if(rkc__ext *x, rkc__cell *c, int acc) {
  for (unsigned i = 0;; i++) {
    uint64_t o = atomic_load_explicit(&x->owner, memory_order_relaxed);
    if ((o & XO_CELL) != (uintptr_t)c)
      return false;
    if (!(o & XO_LOCK) &&
        atomic_compare_exchange_weak_explicit(&x->owner, &o, (o | XO_LOCK) & ~XO_DEFER, memory_order_seq_cst,
                                              memory_order_relaxed)) {
      ext_take(x, acc);
      return true;
    }
    rkc__backoff(i);
  }
}

static inline void ext_unlock(rkc__ext *x) {
  uint64_t o = atomic_load_explicit(&x->owner, memory_order_relaxed) & ~XO_LOCK;
  if (o & XO_MARKS)
    o |= XO_DEFER;
  atomic_store_explicit(&x->owner, o, memory_order_release);
}

/* Detach the locked block x (its cell's lock held) and free it: a thread
   spinning on it or finding it through its memo sees another owner. */
static void ext_drop(rkc__ext *x) {
  const unsigned cls = ext_cls(x);
  atomic_store_explicit(&x->owner, 0, memory_order_release);
  rkc__spin_lock(&ext_free[cls].lock);
  x->rec[0] = (uint64_t)(uintptr_t)ext_free[cls].head;
  ext_free[cls].head = x;
  rkc__spin_unlock(&ext_free[cls].lock);
}

static inline uint32_t *ext_stk(rkc__ext *x) { return (uint32_t *)(x->rec + ext_capof(x)); }
static inline rkc__ent ext_get(rkc__ext *x, uint32_t i) { return (rkc__ent){x->rec[i], ext_stk(x)[i], 0}; }
static inline void ext_put(rkc__ext *x, uint32_t i, rkc__ent e) {
  x->rec[i] = e.rec;
  ext_stk(x)[i] = e.stk;
}

size_t rkc__shadow_mapped(void) { return atomic_load_explicit(&mapped, memory_order_relaxed); }

static rkc__cell *new_leaf(void) {
  rkc__spin_lock(&leaf_lock);
  if (leaf_left < HOT_BYTES) {
    /* Aligned to its size (rkc__meta_of); the hot area offered to
       transparent huge pages: leaves are carved densely, and the fast
       path's TLB misses dominate streaming programs otherwise. Not the
       cold area: few words use it, and one cold word would map 2 MiB. */
    char *m = rkc__imap(2 * (size_t)CHUNK);
    char *base = (char *)(((uintptr_t)m + CHUNK - 1) & ~(uintptr_t)(CHUNK - 1));
    if (base > m)
      rkc__iunmap(m, (size_t)(base - m));
    rkc__iunmap(base + CHUNK, (size_t)(m + 2 * (size_t)CHUNK - (base + CHUNK)));
    syscall(SYS_madvise, base, (size_t)HOT_AREA, MADV_HUGEPAGE);
    leaf_bump = base;
    leaf_left = HOT_AREA;
    if (nchunks < MAX_CHUNKS) /* past 64 GiB of memory touched: not scanned after fork */
      chunks[nchunks++] = base;
  }
  rkc__cell *l = (rkc__cell *)leaf_bump;
  leaf_bump += HOT_BYTES;
  leaf_left -= HOT_BYTES;
  rkc__spin_unlock(&leaf_lock);
  atomic_fetch_add_explicit(&mapped, LEAF_USED, memory_order_relaxed);
  return l;
}

/* The L2 entry of a, mapping the L2 table if needed (a below 2^47). */
static rkc__l2e *l2e_get(uintptr_t a) {
  rkc__l2e *l2 = atomic_load_explicit(&rkc__l1[a >> 30], memory_order_relaxed);
  if (!l2) {
    rkc__l2e *n = rkc__imap(sizeof(rkc__l2e) << RKC_L2_BITS);
    if (atomic_compare_exchange_strong_explicit(&rkc__l1[a >> 30], &l2, n, memory_order_acq_rel,
                                                memory_order_acquire))
      l2 = n;
    else
      rkc__iunmap(n, sizeof(rkc__l2e) << RKC_L2_BITS);
  }
  return &l2[(a >> RKC_PAGE_SHIFT) & ((1u << RKC_L2_BITS) - 1)];
}

/* A new leaf for a page tagged as freed: every cell holds the free's
   write of its 8 bytes (the leaf is private until published). */
static void fill_freed(rkc__cell *leaf, uintptr_t tag, uint32_t stk) {
  _Atomic uint32_t *tab = rkc__stab_of(leaf);
  uint64_t rec = (tag >> 2) | ((uint64_t)0xFF << 48);
  if (stk) {
    atomic_store_explicit(&tab[1], stk, memory_order_relaxed); /* a fresh table */
    rec |= (uint64_t)1 << RKC_REC_SIDX_SHIFT;
  }
  for (unsigned i = 0; i < RKC_CELLS_PER_LEAF; i++)
    atomic_store_explicit(&leaf[i].w, rec, memory_order_relaxed);
}

rkc__cell *rkc__cell_get(uintptr_t a, rkc__l2e **l2ep) {
  if (a >> 47)
    return NULL;
  rkc__l2e *e = l2e_get(a);
  uintptr_t v = atomic_load_explicit(&e->leaf, memory_order_acquire);
  rkc__cell *n = NULL;
  while (!(v & RKC_LEAF_BIT)) {
    if (!n)
      n = new_leaf();
    uintptr_t tag = v;
    if (tag) {
      /* HB acquire of the tag's fstk; pairs with the release CAS in
         tag_freed(). Re-read the tag: a stack of a later tag of the same
         page must not be taken for this one's. */
      uint32_t stk = atomic_load_explicit(&e->fstk, memory_order_relaxed);
      atomic_thread_fence(memory_order_acquire);
      if (atomic_load_explicit(&e->leaf, memory_order_relaxed) != tag) {
        v = atomic_load_explicit(&e->leaf, memory_order_acquire);
        continue;
      }
      fill_freed(n, tag, stk);
    }
    /* Release: the filled cells before the leaf. */
    if (atomic_compare_exchange_strong_explicit(&e->leaf, &v, (uintptr_t)n | RKC_LEAF_BIT, memory_order_acq_rel,
                                                memory_order_acquire)) {
      v = (uintptr_t)n | RKC_LEAF_BIT;
      n = NULL;
    } else if (n && tag) {
      rkc__bzero(n, (size_t)HOT_BYTES); /* filled for a tag that is gone */
    }
  }
  /* else: a loser's unused leaf stays in its chunk (rare) */
  if (l2ep)
    *l2ep = e;
  return rkc__cell_at(v, a);
}

/* free() of the whole page of a (page-aligned) whose leaf is not mapped:
   tag the page with the free's write instead of mapping 8 KiB of shadow
   for memory nobody touched. False if the page has a leaf (or a tag). */
static bool tag_freed(rkc__thr *t, uintptr_t a, uint32_t stk) {
  rkc__l2e *e = l2e_get(a);
  uintptr_t v = atomic_load_explicit(&e->leaf, memory_order_relaxed);
  if (v)
    return false;
  atomic_store_explicit(&e->fstk, stk, memory_order_relaxed);
  /* HB release: fstk before the tag; pairs with the acquire in rkc__cell_get(). */
  return atomic_compare_exchange_strong_explicit(&e->leaf, &v, (uintptr_t)(t->ep << 2) | RKC_FREED_TAG,
                                                 memory_order_release, memory_order_relaxed);
}

static rkc__l2e *l2e_lookup(uintptr_t a) {
  if (a >> 47)
    return NULL;
  rkc__l2e *l2 = atomic_load_explicit(&rkc__l1[a >> 30], memory_order_relaxed);
  return l2 ? &l2[(a >> RKC_PAGE_SHIFT) & ((1u << RKC_L2_BITS) - 1)] : NULL;
}

/* Returns the write word as it was, without the lock bit. */
static inline uint64_t lock_cell(rkc__cell *c) { return rkc__bit_lock(&c->w, RKC_W_LOCK); }

/* Publishes the new write word (record and flags) and unlocks. */
static inline void unlock_cell(rkc__cell *c, uint64_t w) {
  atomic_store_explicit(&c->w, w & ~RKC_W_LOCK, memory_order_release);
}

static inline bool hb(const rkc__thr *t, uint64_t rec) {
  uint32_t s = RKC_REC_SLOT(rec);
  if (s == t->slot)
    return true; /* own slot: this thread, or an earlier generation (thread.h) */
  return rkc__vc_get(&t->vc, s) >= RKC_REC_CLOCK(rec);
}

/* Does a write of t leave the record rec of the same bytes in place? An
   atomic write keeps what it does not supersede (rkc__supersedes); a plain
   write supersedes everything (what it did not, it raced with: reported). */
static inline bool kept(const rkc__thr *t, uint64_t rec, bool atomic) {
  return atomic && !rkc__supersedes(t, rec, RKC_ACC_ATOMIC);
}

/* A list of n entries at *l (on the caller's stack until it grows onto
   the runtime heap, *heap): room for need entries. */
static void ents_reserve(rkc__ent **l, uint32_t n, uint32_t *cap, bool *heap, uint32_t need) {
  if (need <= *cap)
    return;
  uint32_t ncap = *cap;
  while (ncap < need)
    ncap *= 2;
  rkc__ent *e = rkc__ialloc(ncap * sizeof(rkc__ent));
  for (uint32_t i = 0; i < n; i++)
    e[i] = (*l)[i];
  if (*heap)
    rkc__ifree(*l, (size_t)*cap * sizeof(rkc__ent));
  *l = e;
  *cap = ncap;
  *heap = true;
}

uint64_t rkc__sidx_find(rkc__thr *t, _Atomic uint32_t *tab, uint32_t stk) {
  uint64_t bits = 0;
  for (unsigned i = 1; stk && i < RKC_STAB_N; i++) {
    uint32_t v = atomic_load_explicit(&tab[i], memory_order_relaxed);
    /* Relaxed: the value is the whole message (a depot id, published
       by the depot itself before any record names it). */
    if (!v && atomic_compare_exchange_strong_explicit(&tab[i], &v, stk, memory_order_relaxed,
                                                      memory_order_relaxed))
      v = stk;
    if (v == stk) {
      bits = (uint64_t)i << RKC_REC_SIDX_SHIFT;
      break;
    }
  }
  struct rkc__sidx_memo *e = &t->sidx[rkc__sidx_memo_idx(tab, stk)];
  e->tab = (void *)tab;
  e->stk = stk;
  e->bits = (uint32_t)(bits >> 32);
  return bits;
}

/* The cold half of a record with no stack index: its stack id. */
static inline void put_cold_stk(rkc__meta *mt, uint64_t rec, unsigned half, uint32_t stk) {
  if (!(rec & RKC_REC_SIDX))
    atomic_store_explicit(&mt->half[half], stk, memory_order_relaxed);
}

/* Packed reads (RKC_R_PACK in the cold word, RKC_HPACK_BITS in the hot
   write word) share one entry: the hot read's clock minus the read's
   (bits 12 and up), its mask (8) and its stack index (4); entries are
   width bits apart. The read record of entry e beside the hot read h: */
static inline uint64_t unpack_read(uint64_t h, uint32_t e) {
  return (h & ((uint64_t)0xFFFF << 32)) | (uint32_t)(RKC_REC_CLOCK(h) - (e >> 12)) |
         (uint64_t)((e >> 4) & 0xFFu) << 48 | (uint64_t)(e & 0xFu) << RKC_REC_SIDX_SHIFT;
}

/* The reads rl[0..n) but rl[ph] packed beside the hot read rl[ph], in
   entries width bits apart, if each is of its thread, plain, earlier by
   less than maxd and named by a stack index (and so is the hot read). */
static bool pack_reads(const rkc__ent *rl, unsigned n, unsigned ph, unsigned width, uint32_t maxd,
                       uint64_t *packed) {
  const uint64_t h = rl[ph].rec;
  *packed = 0;
  if (!(h & RKC_REC_SIDX))
    return false;
  for (unsigned i = 0, k = 0; i < n; i++) {
    if (i == ph)
      continue;
    uint64_t o = rl[i].rec;
    uint32_t d = RKC_REC_CLOCK(h) - RKC_REC_CLOCK(o);
    if (RKC_REC_SLOT(o) != RKC_REC_SLOT(h) || (o & RKC_REC_ATOMIC) || !(o & RKC_REC_SIDX) ||
        RKC_REC_CLOCK(o) >= RKC_REC_CLOCK(h) || d >= maxd)
      return false;
    *packed |= RKC_HPACK_ENTRY(d, RKC_REC_MASK(o), (unsigned)(o >> RKC_REC_SIDX_SHIFT) % 16) << (width * k++);
  }
  return true;
}

bool rkc__access_slow(rkc__thr *t, uintptr_t a, unsigned size, int flags, uintptr_t pc, bool report) {
  if (t->ignore)
    return false;
  rkc__rt_enter(t); /* from here, signals wait (the leaf lock, the cell lock) */
  rkc__l2e *l2e = NULL; /* looked up when needed (a new ext) */
  rkc__cell *c = rkc__cell_lookup(a);
  if (!c)
    c = rkc__cell_get(a, &l2e);
  if (!c) {
    rkc__rt_leave(t);
    return false;
  }
  const unsigned m = (0xFFu >> (8 - size)) << (a & 7);
  const uint64_t m48 = (uint64_t)m << 48;
  const bool write = flags & RKC_ACC_WRITE, atomic = flags & RKC_ACC_ATOMIC;
  /* The stack id may insert into the depot: compute it before locking. */
  uint32_t stk;
  const uint64_t sidx = rkc__stk_sidx(t, c, pc, &stk);
  const uint64_t nrec = t->ep | m48 | (atomic ? RKC_REC_ATOMIC : 0) | sidx;
  const uint64_t key = RKC_REC_EP | RKC_REC_ATOMIC;

  rkc__ent wbuf[4];
  rkc__ent *wl = wbuf;
  uint32_t nw = 0, wcap = 4;
  bool wheap = false;
  rkc__ent rbuf[4];
  rkc__ent *rl = rbuf;
  uint32_t nr = 0, rcap = 4;
  bool rheap = false;

  const uint64_t ctl = lock_cell(c); /* the write word before: record | flags */
  const uint64_t sync = ctl & RKC_W_SYNC;
  rkc__meta *mt = rkc__meta_of(c);
  rkc__ext *x = rkc__w_expanded(ctl) ? (rkc__ext *)(uintptr_t)atomic_load_explicit(&mt->cold, memory_order_relaxed) : NULL;
  if (x)
    ext_lock(x); /* cell -> block is the order; unlocked (or dropped) below */
  const bool hpack = !x && (ctl & RKC_W_EXT); /* reads packed in the hot write word */
  const uint64_t rmode =
      x ? 0 : atomic_load_explicit(&c->r, memory_order_relaxed) & (RKC_R_TWO | RKC_R_PACK | RKC_R_WSPLIT);
  if (!x && !rmode && !hpack) {
    /* The common case, specialized: a compact cell that stays compact
       and shows no race. Same rules as the general code below. */
    uint64_t w = ctl & ~RKC_W_FLAGS;
    uint64_t r = atomic_load_explicit(&c->r, memory_order_relaxed);
    uint64_t fin = 0; /* the final write word */
    bool wrace = (w & m48) && !hb(t, w) && !(atomic && (w & RKC_REC_ATOMIC));
    bool rrace = write && (r & m48) && !hb(t, r) && !(atomic && (r & RKC_REC_ATOMIC));
    /* an atomic write over unordered atomics keeps them: the general code */
    bool keep = write && (((w & m48) && kept(t, w, atomic)) || ((r & m48) && kept(t, r, atomic)));
    bool done = false;
    if (!wrace && !rrace && !keep) {
      if (write) {
        uint64_t nw = 0, nr = r & ~m48;
        if (!RKC_REC_MASK(w & ~m48)) {
          nw = nrec; /* replaces every byte of the old write */
          put_cold_stk(mt, nrec, 0, stk); /* the cold line is not read */
          done = true;
        } else if ((w & key) == (nrec & key) && rkc__rec_stk(c, w, 0) == stk) {
          nw = w | m48; /* same epoch, kind and stack (RKC_REC_JOINS) */
          done = true;
        }
        if (done) {
          if (!RKC_REC_MASK(nr))
            nr = 0;
          fin = nw;
          atomic_store_explicit(&c->r, nr, memory_order_relaxed);
        }
      } else {
        uint64_t nr = 0;
        if (!RKC_REC_MASK(r) || (rkc__supersedes(t, r, flags) && !RKC_REC_MASK(r & ~m48))) {
          nr = nrec;
          put_cold_stk(mt, nrec, 1, stk);
          done = true;
        } else if ((r & key) == (nrec & key) && rkc__rec_stk(c, r, 1) == stk) {
          nr = r | m48;
          done = true;
        }
        if (done) {
          fin = w;
          atomic_store_explicit(&c->r, nr, memory_order_relaxed);
        }
      }
    }
    if (done) {
      unlock_cell(c, fin | sync);
      rkc__rt_leave(t);
      return false;
    }
  }
  if (x) {
    ents_reserve(&wl, 0, &wcap, &wheap, x->nw + 1); /* + 1: this write */
    nw = x->nw;
    for (uint32_t i = 0; i < nw; i++)
      wl[i] = ext_get(x, i);
    ents_reserve(&rl, 0, &rcap, &rheap, x->nr);
    nr = x->nr;
    for (uint32_t i = 0; i < nr; i++)
      rl[i] = ext_get(x, nw + i);
  } else {
    uint64_t w = ctl & ~RKC_W_FLAGS;
    uint64_t r = atomic_load_explicit(&c->r, memory_order_relaxed) & ~(RKC_R_TWO | RKC_R_PACK | RKC_R_WSPLIT);
    if (rmode & RKC_R_WSPLIT) {
      /* A split write: the note's bytes are its own record (both have
         stack indices), and the cell has no read. */
      uint64_t first = w & ~(r & ((uint64_t)0xFF << 48));
      if (RKC_REC_MASK(first))
        wl[nw++] = (rkc__ent){first, rkc__rec_stk(c, first, 0), 0};
      wl[nw++] = (rkc__ent){r, rkc__rec_stk(c, r, 0), 0};
      r = 0;
    } else if (RKC_REC_MASK(w)) {
      wl[nw++] = (rkc__ent){w, rkc__rec_stk(c, w, 0), 0};
    }
    if (RKC_REC_MASK(r))
      rl[nr++] = (rkc__ent){r, rkc__rec_stk(c, r, 1), 0};
    for (unsigned k = 0; hpack && k < 2; k++) { /* w: no write, reads of r's slot */
      uint64_t rec = unpack_read(r, (uint32_t)(w >> (24 * k)) & 0xFFFFFFu);
      if (RKC_REC_MASK(rec))
        rl[nr++] = (rkc__ent){rec, rkc__rec_stk(c, rec, 1), 0};
    }
    uint64_t b = rmode ? atomic_load_explicit(&mt->cold, memory_order_relaxed) : 0;
    if (rmode & RKC_R_TWO) { /* the second read (or write): a record with a stack index */
      if (b & RKC_COLD_W)
        wl[nw++] = (rkc__ent){b & ~RKC_COLD_W, rkc__rec_stk(c, b & ~RKC_COLD_W, 0), 0};
      else
        rl[nr++] = (rkc__ent){b, rkc__rec_stk(c, b, 1), 0};
    } else if (rmode & RKC_R_PACK) { /* two more reads of the hot read's slot */
      for (unsigned k = 0; k < 2; k++) {
        uint64_t rec = unpack_read(r, (uint32_t)(b >> (32 * k)));
        rl[nr++] = (rkc__ent){rec, rkc__rec_stk(c, rec, 1), 0};
      }
    }
  }

  /* Records ordered before the horizon (thread.h) can never race: gone. */
  uint32_t live_w = 0, live_r = 0;
  for (uint32_t i = 0; i < nw; i++)
    if (!rkc__rec_dead(wl[i].rec))
      wl[live_w++] = wl[i];
  for (uint32_t i = 0; i < nr; i++)
    if (!rkc__rec_dead(rl[i].rec))
      rl[live_r++] = rl[i];
  nw = live_w;
  nr = live_r;

  /* Check: writes against every overlapping write and read, reads against
     every overlapping write. Two atomics never race. */
  bool found = false;
  rkc__ent prev = {0, 0, 0};
  bool prev_write = false;
  for (uint32_t i = 0; i < nw && !found; i++) {
    uint64_t rec = wl[i].rec;
    if ((rec & m48) && !hb(t, rec) && !(atomic && (rec & RKC_REC_ATOMIC))) {
      found = true;
      prev = wl[i];
      prev_write = true;
    }
  }
  if (write) {
    for (uint32_t i = 0; i < nr && !found; i++) {
      uint64_t rec = rl[i].rec;
      if ((rec & m48) && !hb(t, rec) && !(atomic && (rec & RKC_REC_ATOMIC))) {
        found = true;
        prev = rl[i];
      }
    }
  }

  /* Update. */
  if (write) {
    uint32_t j = 0;
    bool merged = false;
    for (uint32_t i = 0; i < nw; i++) {
      rkc__ent e = wl[i];
      if ((e.rec & key) == (nrec & key) && e.stk == stk) { /* RKC_REC_JOINS */
        e.rec |= m48;
        merged = true;
      } else if (!kept(t, e.rec, atomic)) {
        e.rec &= ~m48; /* superseded by this write (checked above) */
      }
      if (RKC_REC_MASK(e.rec))
        wl[j++] = e;
    }
    nw = j;
    if (!merged) {
      ents_reserve(&wl, nw, &wcap, &wheap, nw + 1);
      wl[nw++] = (rkc__ent){nrec, stk, 0};
    }
    j = 0;
    for (uint32_t i = 0; i < nr; i++) {
      rkc__ent e = rl[i];
      if (!kept(t, e.rec, atomic))
        e.rec &= ~m48; /* superseded by this write (checked above) */
      if (RKC_REC_MASK(e.rec))
        rl[j++] = e;
    }
    nr = j;
  } else {
    uint32_t j = 0;
    bool merged = false;
    for (uint32_t i = 0; i < nr; i++) {
      rkc__ent e = rl[i];
      if ((e.rec & key) == (nrec & key) && e.stk == stk) {
        e.rec |= m48;
        merged = true;
      } else if (rkc__supersedes(t, e.rec, flags)) {
        /* Ordered before this read: a later write unordered with it is
           unordered with this read too, so this read stands for it. */
        e.rec &= ~m48;
      }
      if (RKC_REC_MASK(e.rec))
        rl[j++] = e;
    }
    nr = j;
    if (!merged) {
      ents_reserve(&rl, nr, &rcap, &rheap, nr + 1);
      rl[nr++] = (rkc__ent){nrec, stk, 0};
    }
  }

  /* Store back: compact when it fits, with a second read (or two packed
     ones) in the cold word when every record has a stack index, else out
     of line. */
  uint64_t fin;
  uint64_t packed = 0;
  unsigned ph = 0; /* the hot read of a packed cell */
  /* A word an atomic access leaves with two records or more stays out of
     line: its updates (rkc__ext_update) then take only its block's line,
     where a compact cell would take the cell's line and the cold word's. */
  const bool stay = (flags & RKC_ACC_ATOMIC) && nw + nr >= 2;
  if (!stay && !nw && (nr == 2 || nr == 3)) {
    /* No write, and one thread's reads of two or three epochs: the earlier
       ones packed in the hot write word (RKC_W_EXT, RKC_HPACK_BITS). The
       hot read: this read's entry, else the latest. */
    ph = 0;
    for (unsigned i = 1; i < nr; i++)
      if (RKC_REC_CLOCK(rl[i].rec) > RKC_REC_CLOCK(rl[ph].rec))
        ph = i;
    for (unsigned i = 0; i < nr; i++)
      if (!write && (rl[i].rec & key) == (nrec & key))
        ph = i;
    if (pack_reads(rl, nr, ph, 24, RKC_HPACK_MAXD, &packed)) {
      if (x)
        ext_drop(x);
      x = NULL;
      atomic_store_explicit(&c->r, rl[ph].rec, memory_order_relaxed);
      fin = RKC_W_EXT | packed | sync;
      goto stored;
    }
    packed = 0;
    ph = 0;
  }
  if (!stay && nw == 2 && RKC_REC_SAMEK(wl[0].rec, wl[1].rec)) {
    /* Two writes of one thread, epoch and kind at two stacks: one hot
       write with a note (RKC_R_WSPLIT) when there is no read; with one
       read, the second write in the cold word (below); joined (the first
       stack for all the bytes) only when a stack has no index. */
    const bool idx = (wl[0].rec & RKC_REC_SIDX) && (wl[1].rec & RKC_REC_SIDX);
    if (!nr && idx) {
      fin = wl[0].rec | (wl[1].rec & ((uint64_t)0xFF << 48)) | sync;
      if (x)
        ext_drop(x);
      x = NULL;
      atomic_store_explicit(&c->r, wl[1].rec | RKC_R_WSPLIT, memory_order_relaxed);
      goto stored;
    }
    if (!idx) {
      wl[0].rec |= wl[1].rec & ((uint64_t)0xFF << 48);
      nw = 1;
    }
  }
  if (!stay && nw == 2 && nr <= 1 && (wl[0].rec & RKC_REC_SIDX) && (wl[1].rec & RKC_REC_SIDX) &&
      (!nr || (rl[0].rec & RKC_REC_SIDX))) {
    /* Two writes (one kept beside an atomic write, or a split write and
       a read) and at most one read:
       compact, the second write in the cold word (RKC_COLD_W). The hot
       write: this thread's, so its same-epoch accesses stay fast. */
    unsigned h = RKC_REC_SLOT(wl[0].rec) == t->slot ? 0 : 1;
    fin = wl[h].rec | sync;
    if (x)
      ext_drop(x); /* before the cold word is reused */
    x = NULL;
    atomic_store_explicit(&mt->cold, wl[1 - h].rec | RKC_COLD_W, memory_order_relaxed);
    atomic_store_explicit(&c->r, (nr ? rl[0].rec : 0) | RKC_R_TWO, memory_order_relaxed);
    goto stored;
  }
  if (!stay && nw <= 1 && nr == 3 && (!nw || (wl[0].rec & RKC_REC_SIDX))) {
    ph = 2; /* this read's entry, else the last */
    for (unsigned i = 0; i < 3; i++)
      if (!write && (rl[i].rec & key) == (nrec & key))
        ph = i;
    if (!pack_reads(rl, 3, ph, 32, 1u << 20, &packed))
      packed = 0;
  }
  if (packed) {
    fin = (nw ? wl[0].rec : 0) | sync;
    if (x)
      ext_drop(x); /* before the cold word is reused */
    x = NULL;
    atomic_store_explicit(&mt->cold, packed, memory_order_relaxed);
    atomic_store_explicit(&c->r, rl[ph].rec | RKC_R_PACK, memory_order_relaxed);
  } else if (!stay && nw <= 1 && nr == 2 && (!nw || (wl[0].rec & RKC_REC_SIDX)) && (rl[0].rec & RKC_REC_SIDX) &&
      (rl[1].rec & RKC_REC_SIDX)) {
    /* The hot read: this read's entry (its same-epoch re-reads stay on
       the fast path), else the later one. */
    unsigned h = !write && (rl[0].rec & key) == (nrec & key) ? 0 : 1;
    fin = (nw ? wl[0].rec : 0) | sync;
    if (x)
      ext_drop(x); /* before the cold word is reused */
    x = NULL;
    atomic_store_explicit(&mt->cold, rl[1 - h].rec, memory_order_relaxed);
    atomic_store_explicit(&c->r, rl[h].rec | RKC_R_TWO, memory_order_relaxed);
  } else if (!stay && nw <= 1 && nr <= 1) {
    /* Entries keep their records' stack indices (same leaf, same table). */
    fin = (nw ? wl[0].rec : 0) | sync;
    atomic_store_explicit(&c->r, nr ? rl[0].rec : 0, memory_order_relaxed);
    if (x)
      ext_drop(x); /* before the cold word is reused for stack ids */
    x = NULL;
    if (nw)
      put_cold_stk(mt, wl[0].rec, 0, wl[0].stk);
    if (nr)
      put_cold_stk(mt, rl[0].rec, 1, rl[0].stk);
  } else {
    if (!x || ext_capof(x) < nw + nr) {
      rkc__ext *n = ext_new(c, nw + nr);
      if (x) {
        ext_drop(x);
      } else {
        if (!l2e)
          l2e = l2e_lookup(a);
        atomic_fetch_add_explicit(&l2e->special, 1, memory_order_relaxed);
        atomic_store_explicit(&c->r, 0, memory_order_relaxed);
      }
      x = n;
      atomic_store_explicit(&mt->cold, (uint64_t)(uintptr_t)x, memory_order_relaxed);
    }
    x->nw = nw;
    x->nr = nr;
    for (uint32_t i = 0; i < nw; i++)
      ext_put(x, i, wl[i]);
    uint64_t hot = 0;
    for (uint32_t i = 0; i < nr; i++) {
      ext_put(x, nw + i, rl[i]);
      if (!write && (rl[i].rec & key) == (nrec & key))
        hot = rl[i].rec;
    }
    /* Hot write zero: the write fast path never matches. Hot read: a copy
       of this read's entry, so the reader's same-epoch re-reads stay on
       the fast path; every change of the entries rewrites it here. */
    atomic_store_explicit(&c->r, hot, memory_order_relaxed);
    fin = RKC_W_EXT | sync;
  }
stored:
  if (rheap)
    rkc__ifree(rl, (size_t)rcap * sizeof(rkc__ent));
  if (wheap)
    rkc__ifree(wl, (size_t)wcap * sizeof(rkc__ent));
  if (x)
    ext_unlock(x); /* still (or newly) attached */
  unlock_cell(c, fin);

  if (found && report && rkc__race_hook) {
    rkc__race_info ri = {t, a, size, flags, stk, prev.rec, prev.stk, prev_write};
    rkc__race_hook(&ri);
  }
  rkc__rt_leave(t);
  return found;
}

/* An access to an out-of-line cell that shows no race, updated in place
   without the slow path's lists, exactly as rkc__access_slow would update
   the entries: a read (FastTrack's read-shared state: a variable several
   threads read, each in every epoch) or an atomic write (a word that
   threads store to and load from in turn keeps two writes and two reads).
   Entries of this access's epoch, kind and stack take its bytes, entries
   it supersedes lose them, else it is appended; the hot read becomes a
   copy of the reader's entry of this epoch (zero after a write). A plain
   read leaves to the slow path a result it would make compact; a word
   accessed atomically stays out of line (it would go back and forth). False,
   the cell untouched, for a race, more than EXT_INPLACE entries, a full
   entry table, or a plain write (the slow path's turn). */
enum { EXT_INPLACE = 16 };
/* A thread's read entry of an out-of-line word stays while its epoch
   lasts: within one epoch no other thread is ordered after it (that takes
   a release, which ends the epoch), so no other access supersedes it, and
   this thread's own write would stand for it. So a read it covers (the
   same variable read at another line of the epoch, where the hot read is
   another reader's copy) needs neither the lock nor the entries. Memory
   this thread clears ends the memo's entries (rkc__shadow_clear bumps
   its generation). */
static inline struct rkc__xmemo *xmemo_of(rkc__thr *t, rkc__cell *c) {
  return &t->xmemo[((uintptr_t)c >> 4) & (RKC_XMEMO - 1)];
}

/* A read of an out-of-line word whose entries keep one of this thread's
   reads that the read joins (this epoch, kind and stack) or replaces
   (ordered before it, its bytes covered), and no other entry it would
   supersede: that entry is rewritten in place, with no copy of the list.
   The same entries as the general update below (in another order), and
   only for a word that stays out of line there too. Under the cell lock. */
static bool ext_read_own(rkc__thr *t, rkc__cell *c, rkc__ext *x, uint64_t m48, int flags, uint64_t nrec,
                         uint32_t stk, uint32_t *at) {
  const uint64_t key = RKC_REC_EP | RKC_REC_ATOMIC;
  const bool atomic = flags & RKC_ACC_ATOMIC;
  const uint32_t nw = x->nw, end = x->nw + x->nr;
  uint32_t *xs = ext_stk(x);
  for (uint32_t i = 0; i < nw; i++) {
    uint64_t rec = x->rec[i];
    if ((rec & m48) && !hb(t, rec) && !(atomic && (rec & RKC_REC_ATOMIC)))
      return false; /* a race: the general update's (and the slow path's) */
  }
  uint32_t j = end;
  bool join = false, one_slot = true;
  for (uint32_t i = nw; i < end; i++) {
    uint64_t e = x->rec[i];
    one_slot &= RKC_REC_SLOT(e) == t->slot;
    if (j == end && (e & key) == (nrec & key) && xs[i] == stk) {
      j = i;
      join = true;
    } else if (j == end && RKC_REC_SLOT(e) == t->slot && !(RKC_REC_MASK(e) & ~(unsigned)(m48 >> 48)) &&
               rkc__supersedes(t, e, flags)) {
      j = i;
    } else if ((e & m48) && rkc__supersedes(t, e, flags)) {
      return false; /* another entry loses bytes: the general update */
    }
  }
  if (j == end)
    return false;
  const bool compactable = !atomic && ((nw == 2 && (x->nr <= 1 || RKC_REC_SAMEK(x->rec[0], x->rec[1]))) ||
                                       (nw <= 1 && (x->nr <= 2 || (x->nr == 3 && one_slot))));
  if (compactable)
    return false; /* the slow path makes it compact */
  if (join) {
    x->rec[j] |= m48;
  } else {
    x->rec[j] = nrec;
    xs[j] = stk;
  }
  /* The hot read is a copy of a plain read's entry, for the fast path's
     same-epoch check. An atomic read leaves it as it is (its memo, above,
     serves its thread's re-reads), so that the cell's line stays shared:
     a stale copy names an epoch its thread has left (an entry of a
     thread's current epoch stays while that epoch lasts, or a write of
     that epoch stands for it), and no record of an atomic read ever
     covers a plain one. */
  const uint64_t e = x->rec[j] & ~REC_MARK;
  if (!atomic)
    atomic_store_explicit(&c->r, e, memory_order_relaxed);
  struct rkc__xmemo *xm = xmemo_of(t, c);
  xm->cell = (uintptr_t)c;
  xm->rec = e;
  xm->gen = t->xgen;
  *at = j;
  return true;
}

/* An atomic access to an out-of-line word (two threads storing to and
   loading from it, in every epoch: a counter, a flag, a slot): the
   general update below, computed in place in one pass over the entries,
   with no copy of the list. Its result is the same list in the same
   order: the writes, then the reads; entries of this access's epoch,
   kind and stack take its bytes; atomic entries ordered before it lose
   them (a write's: all, a read's: the reads); plain ones stay; this
   access is appended to its half unless joined. An atomic access races
   only with plain records not ordered before it: false, x untouched,
   for one (the slow path reports it), or when the list might not fit
   (n + 1 entries). Sets *hot to this read's entry. Under x's lock. */
static bool ext_atomic(rkc__thr *t, rkc__ext *x, uint64_t m48, bool write, uint64_t nrec, uint32_t stk,
                       uint64_t *hot, uint32_t *at) {
  const uint64_t key = RKC_REC_EP | RKC_REC_ATOMIC;
  const uint32_t nw = x->nw, end = nw + x->nr, cap = ext_capof(x);
  if (end + 1 > cap)
    return false;
  uint64_t *rec = x->rec;
  uint32_t *xs = (uint32_t *)(rec + cap);
  for (uint32_t i = 0; i < (write ? end : nw); i++)
    if ((rec[i] & m48) && !(rec[i] & RKC_REC_ATOMIC) && !hb(t, rec[i]))
      return false;
  /* the writes, kept ones moved down over dropped ones */
  uint32_t k = 0, wj = 0, rj = 0;
  bool merged = false;
  for (uint32_t i = 0; i < nw; i++) {
    uint64_t e = rec[i];
    if (write) {
      if ((e & key) == (nrec & key) && xs[i] == stk) {
        e |= m48;
        merged = true;
        wj = k;
      } else if ((e & RKC_REC_ATOMIC) && hb(t, e)) {
        e &= ~m48;
      }
    }
    if (RKC_REC_MASK(e)) {
      xs[k] = xs[i];
      rec[k++] = e;
    }
  }
  const bool append_w = write && !merged;
  /* the reads, kept ones moved down to [nw, nw + r) */
  uint32_t r = nw;
  merged = false;
  for (uint32_t i = nw; i < end; i++) {
    uint64_t e = rec[i];
    if (!write && (e & key) == (nrec & key) && xs[i] == stk) {
      e |= m48;
      merged = true;
      *hot = e & ~REC_MARK;
      rj = r - nw;
    } else if ((e & RKC_REC_ATOMIC) && hb(t, e)) {
      e &= ~m48; /* (a read's: reads only; a write's: every atomic one) */
    }
    if (RKC_REC_MASK(e)) {
      xs[r] = xs[i];
      rec[r++] = e;
    }
  }
  const uint32_t nr2 = r - nw, rdst = k + append_w;
  /* the reads to just after the writes (up by one when a write was
     appended and none dropped: then from the top down) */
  if (rdst > nw) {
    for (uint32_t i = nr2; i-- > 0;) {
      rec[rdst + i] = rec[nw + i];
      xs[rdst + i] = xs[nw + i];
    }
  } else if (rdst < nw) {
    for (uint32_t i = 0; i < nr2; i++) {
      rec[rdst + i] = rec[nw + i];
      xs[rdst + i] = xs[nw + i];
    }
  }
  if (append_w) {
    rec[k] = nrec;
    xs[k] = stk;
  }
  uint32_t n = rdst + nr2;
  if (!write && !merged) {
    rec[n] = nrec;
    xs[n++] = stk;
    *hot = nrec;
  }
  x->nw = rdst;
  x->nr = n - rdst;
  *at = write ? (append_w ? k : wj) : (merged ? rdst + rj : n - 1);
  return true;
}

/* Under x's lock, after t's access (an atomic one, or a plain read) of
   kind k (0 write, 1 read) whose entry is at index j (xm, t's memo of
   the word, names x): if no entry can
   race with t's later accesses of the kind (each is ordered before t, or
   could never race with it), that entry is marked and t's memo of c
   defers its next accesses of the same kind and bytes (ext_deferred);
   t's other mark of the kind, if any, goes. The access's record has its
   stack index (the memo keeps no stack id). */
static void ext_mark(rkc__thr *t, struct rkc__xmemo *xm, rkc__ext *x, unsigned k, uint32_t j) {
  const uint32_t nw = x->nw, end = nw + x->nr;
  const bool atomic = x->rec[j] & RKC_REC_ATOMIC;
  for (uint32_t i = 0; i < end; i++)
    if (conflicts(x->rec[i], i < nw, k == 0, atomic) && !hb(t, x->rec[i]))
      return;
  for (uint32_t i = k ? nw : 0; i < (k ? end : nw); i++)
    if (i != j && (x->rec[i] & REC_MARK) && RKC_REC_SLOT(x->rec[i]) == t->slot)
      x->rec[i] &= ~REC_MARK;
  x->rec[j] |= REC_MARK;
  atomic_store_explicit(&xm->drec[k], x->rec[j] & ~REC_MARK, memory_order_relaxed);
  xm->dmark[k] = j + 1;
  atomic_store_explicit(&x->owner, atomic_load_explicit(&x->owner, memory_order_relaxed) | XO_MARKS,
                        memory_order_relaxed);
}

/* t's access (atomic, or a plain read) of kind k, record nrec, to c,
   whose memo holds a marked entry of the kind: kept in the memo only, if the block is as
   t marked it (no one has locked it since: XO_DEFER) and still holds
   the mark. false: the caller takes the lock (which collects nrec, if
   the locker before it did not). DESIGN above ext_take. */
static bool ext_deferred(rkc__thr *t, struct rkc__xmemo *xm, rkc__cell *c, uint64_t m48, unsigned k,
                         uint64_t nrec) {
  const uint64_t d = atomic_load_explicit(&xm->drec[k], memory_order_relaxed);
  if ((d & ((uint64_t)0xFF << 48 | RKC_REC_ATOMIC)) != (m48 | (nrec & RKC_REC_ATOMIC)))
    return false;
  if (d == nrec)
    return true; /* this epoch's, at this stack: whoever collects it sees the same record */
  atomic_store_explicit(&xm->drec[k], nrec, memory_order_seq_cst); /* HB: Dekker with ext_lock */
  rkc__ext *x = xm->ext;
  const uint64_t o = atomic_load_explicit(&x->owner, memory_order_seq_cst);
  if ((o & (XO_CELL | XO_DEFER | XO_LOCK)) != ((uintptr_t)c | XO_DEFER))
    return false;
  const uint32_t i = xm->dmark[k] - 1, nw = __atomic_load_n(&x->nw, __ATOMIC_RELAXED),
                 end = nw + __atomic_load_n(&x->nr, __ATOMIC_RELAXED);
  if (k ? i < nw || i >= end : i >= nw)
    return false;
  const uint64_t e = __atomic_load_n(&x->rec[i], __ATOMIC_RELAXED);
  return (e & REC_MARK) && RKC_REC_SLOT(e) == t->slot;
}

/* Before xm stands for another word: its deferred records into its block. */
static void memo_flush(struct rkc__xmemo *xm) {
  rkc__ext *x = xm->ext;
  if (x && ext_lock_if(x, (rkc__cell *)xm->cell, ACC_ANY))
    ext_unlock(x);
  xm->dmark[0] = xm->dmark[1] = 0;
}

/* (No signal handler uses t's memo meanwhile: t is finishing inside the
   runtime, or is a fiber not running, or never ran.) */
void rkc__shadow_flush_deferred(rkc__thr *t) {
  for (unsigned i = 0; i < RKC_XMEMO; i++)
    if (t->xmemo[i].dmark[0] | t->xmemo[i].dmark[1])
      memo_flush(&t->xmemo[i]);
}

bool rkc__ext_update(rkc__thr *t, rkc__cell *c, uint64_t m48, int flags, uintptr_t pc) {
  const bool write = flags & RKC_ACC_WRITE, atomic = flags & RKC_ACC_ATOMIC;
  if (t->ignore || (write && !atomic) || (flags & RKC_ACC_FREE))
    return false;
  rkc__rt_enter(t); /* from here a signal handler, which may use the memo too, waits */
  struct rkc__xmemo *xm = xmemo_of(t, c);
  if (!write && xm->cell == (uintptr_t)c && xm->gen == t->xgen && rkc__rec_covers(t, xm->rec, m48, flags)) {
    rkc__rt_leave(t);
    return true;
  }
  if (xm->cell != (uintptr_t)c && (xm->dmark[0] | xm->dmark[1]))
    memo_flush(xm);
  uint32_t stk;
  const uint64_t sidx = rkc__stk_sidx(t, c, pc, &stk);
  const uint64_t key = RKC_REC_EP | RKC_REC_ATOMIC;
  const uint64_t nrec = t->ep | m48 | (atomic ? RKC_REC_ATOMIC : 0) | sidx;
  if (sidx && xm->cell == (uintptr_t)c && xm->dmark[!write] && ext_deferred(t, xm, c, m48, !write, nrec)) {
    if (!write) {
      xm->rec = nrec;
      xm->gen = t->xgen;
    }
    rkc__rt_leave(t);
    return true;
  }
  bool done = false;
  /* The block this thread last saw for c, locked if still c's: the cell's
     line is then only read. Else under the cell's lock, as the slow path. */
  rkc__ext *x = NULL;
  uint64_t ctl = 0;
  bool cell_locked = false;
  if (xm->cell == (uintptr_t)c && xm->ext && ext_lock_if(xm->ext, c, flags & (RKC_ACC_WRITE | RKC_ACC_ATOMIC))) {
    x = xm->ext;
  } else {
    ctl = lock_cell(c);
    cell_locked = true;
    if (rkc__w_expanded(ctl)) {
      x = (rkc__ext *)(uintptr_t)atomic_load_explicit(&rkc__meta_of(c)->cold, memory_order_relaxed);
      ext_lock(x);
      if (xm->cell != (uintptr_t)c) {
        xm->cell = (uintptr_t)c;
        xm->rec = 0;
      }
      if (xm->ext != x)
        xm->dmark[0] = xm->dmark[1] = 0; /* marks of a block no longer c's */
      xm->ext = x;
    }
  }
  uint64_t ahot = 0;
  uint32_t at;
  if (x && atomic && ext_atomic(t, x, m48, write, nrec, stk, &ahot, &at)) {
    done = true;
    if (!write) {
      xm->cell = (uintptr_t)c;
      xm->rec = ahot;
      xm->gen = t->xgen;
    }
    if (sidx)
      ext_mark(t, xm, x, !write, at);
  } else if (x && !write && ext_read_own(t, c, x, m48, flags, nrec, stk, &at)) {
    done = true;
    if (sidx)
      ext_mark(t, xm, x, 1, at);
  } else if (x && x->nw + x->nr < EXT_INPLACE) {
    const uint32_t *xs = ext_stk(x);
    const uint32_t nw = x->nw, end = x->nw + x->nr;
    bool ok = true;
    for (uint32_t i = 0; i < (write ? end : nw) && ok; i++) {
      uint64_t rec = x->rec[i];
      ok = !(rec & m48) || hb(t, rec) || (atomic && (rec & RKC_REC_ATOMIC));
    }
    uint64_t rec[EXT_INPLACE];
    uint32_t st[EXT_INPLACE];
    uint32_t n = 0;
    uint64_t hot = 0;
    bool merged = false, one_slot = true;
    /* The writes: a read leaves them, an atomic write joins its own
       (RKC_REC_JOINS) and keeps what it does not supersede; then this
       write, unless joined. */
    for (uint32_t i = 0; i < nw && ok; i++) {
      uint64_t e = x->rec[i];
      if (write && (e & key) == (nrec & key) && xs[i] == stk) {
        e |= m48;
        merged = true;
      } else if (write && !kept(t, e, atomic)) {
        e &= ~m48;
      }
      if (RKC_REC_MASK(e)) {
        rec[n] = e;
        st[n++] = xs[i];
      }
    }
    if (write && !merged) {
      rec[n] = nrec;
      st[n++] = stk;
    }
    const uint32_t nw2 = n;
    /* The reads: a write drops what it does not keep; a read joins its
       own and supersedes those ordered before it; then this read. */
    merged = false;
    for (uint32_t i = nw; i < end && ok; i++) {
      uint64_t e = x->rec[i];
      if (write) {
        if (!kept(t, e, atomic))
          e &= ~m48;
      } else if ((e & key) == (nrec & key) && xs[i] == stk) {
        e |= m48;
        merged = true;
      } else if (rkc__supersedes(t, e, flags)) {
        e &= ~m48; /* ordered before this read, which stands for it */
      }
      if (RKC_REC_MASK(e)) {
        rec[n] = e;
        st[n++] = xs[i];
        one_slot &= RKC_REC_SLOT(e) == t->slot;
        if (!write && (e & key) == (nrec & key))
          hot = e & ~REC_MARK;
      }
    }
    if (!write && !merged) {
      rec[n] = nrec;
      st[n++] = stk;
      hot = nrec;
    }
    const uint32_t nr2 = n - nw2;
    const bool compactable = !atomic && ((nw2 == 2 && (nr2 <= 1 || RKC_REC_SAMEK(rec[0], rec[1]))) ||
                                         (nw2 <= 1 && (nr2 <= 2 || (nr2 == 3 && one_slot))));
    if (ok && !compactable && n <= ext_capof(x)) {
      uint32_t *xd = ext_stk(x);
      for (uint32_t k = 0; k < n; k++) {
        x->rec[k] = rec[k];
        xd[k] = st[k];
      }
      x->nw = nw2;
      x->nr = nr2;
      if (!atomic) /* (see ext_read_own) */
        atomic_store_explicit(&c->r, hot, memory_order_relaxed);
      done = true;
      if (!write) {
        xm->cell = (uintptr_t)c;
        xm->rec = hot;
        xm->gen = t->xgen;
      }
    }
  }
  if (x)
    ext_unlock(x);
  if (cell_locked)
    unlock_cell(c, ctl);
  rkc__rt_leave(t);
  return done;
}

void rkc__miss_rest(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, int flags, uintptr_t pc) {
  if (!rkc__own_update(t, c, m48, flags, pc))
    rkc__access_slow(t, a, (unsigned)__builtin_popcountll(m48), flags, pc, true);
}
void rkc__pending_run(rkc__thr *t) {
  if (t->in_rt == 0 && rkc__pending_hook)
    rkc__pending_hook(t);
}
/* The memo entry of the access site (pc, the thread's innermost frame)
   when it holds the site's stack index in c's leaf; NULL otherwise, and
   when the thread ignores accesses. rkc__smemo_find, where the leaf's
   match also says the entry holds an id and an index (a new entry's leaf
   is 0). */
RKC_INLINE const struct rkc__smemo *site_memo(const rkc__thr *t, const rkc__cell *c, uintptr_t pc) {
  const uint32_t top = t->top;
  if (t->ignore || top == RKC_TOP_NONE)
    return NULL;
  const unsigned i = rkc__smemo_idx(pc, top);
  const struct rkc__smemo *e = &t->memo[i];
  if (e->pc != pc || e->parent != top) {
    e = &t->memo[i ^ 1];
    if (e->pc != pc || e->parent != top)
      return NULL;
  }
  return e->leaf == (uintptr_t)c >> RKC_LEAF_SHIFT ? e : NULL;
}

/* The commonest update of all, checked first with few registers and no
   call (for 4- and 8-byte accesses): a plain access to a compact word
   whose records are all this thread's own (so ordered before it) and
   covered by it: FastTrack's exclusive state in a new epoch (a thread
   streaming over its own data after each barrier). A read keeps the write (its own, or of other
   bytes) and replaces the read; a write replaces both. The access's stack
   index only from the memo of its site in this leaf. Exactly what
   rkc__own_excl does in these cases; false, with the cell untouched, for
   everything else. */
RKC_INLINE bool own_lean(rkc__thr *t, rkc__cell *c, uint64_t m48, bool write, uintptr_t pc) {
  const uint64_t slot = (uint64_t)0xFFFF << 32;
  const uint64_t notm = ~m48 & ((uint64_t)0xFF << 48);
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  const uint64_t r = atomic_load_explicit(&c->r, memory_order_relaxed);
  if (w & (RKC_W_LOCK | RKC_W_EXT))
    return false;
  if (write ? RKC_REC_MASK(w) && (((w ^ t->ep) & slot) || (w & notm)) : (w & m48) && ((w ^ t->ep) & slot))
    return false;
  if (r && (((r ^ t->ep) & slot) || (r & (notm | RKC_R_TWO | RKC_R_PACK | RKC_R_WSPLIT))))
    return false;
  const struct rkc__smemo *e = site_memo(t, c, pc);
  if (!e)
    return false;
  const uint64_t nrec = t->ep | m48 | (uint64_t)e->sbits << 32;
  t->in_rt++; /* a signal's handler waits while the cell is locked */
  bool done = false;
  if (atomic_compare_exchange_strong_explicit(&c->w, &w, w | RKC_W_LOCK, memory_order_acquire,
                                              memory_order_relaxed)) {
    if (atomic_load_explicit(&c->r, memory_order_relaxed) == r) {
      atomic_store_explicit(&c->r, write ? 0 : nrec, memory_order_relaxed);
      if (write)
        w = nrec | (w & RKC_W_SYNC);
      done = true;
    }
    atomic_store_explicit(&c->w, w, memory_order_release); /* unlock */
  }
  t->in_rt--;
  return done;
}

/* The byte loop's update, checked before the short own path (for 1- and
   2-byte reads): a plain read of other bytes of this thread's read of
   this epoch at the same stack (a tokenizer scanning a word), with no
   write of those bytes, joins that read (RKC_REC_JOINS). The hot read is
   a plain record (no second read, packed reads or note, so the cold word
   holds no record); the hot write word holds no write of these bytes (a
   write elsewhere, or packed earlier reads of this thread). The stack
   index only from the memo of the site in this leaf, as own_lean. False,
   with the cell untouched, for everything else. */
RKC_INLINE bool own_rjoin(rkc__thr *t, rkc__cell *c, uint64_t m48, uintptr_t pc) {
  const uint64_t r = atomic_load_explicit(&c->r, memory_order_relaxed);
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  if ((r & (RKC_REC_EP | RKC_REC_ATOMIC | RKC_R_TWO | RKC_R_PACK | RKC_R_WSPLIT)) != t->ep ||
      (w & (RKC_W_LOCK | m48)) || rkc__w_expanded(w))
    return false;
  const struct rkc__smemo *e = site_memo(t, c, pc);
  if (!e || !e->sbits || (r & RKC_REC_SIDX) != (uint64_t)e->sbits << 32)
    return false;
  t->in_rt++; /* a signal's handler waits while the cell is locked */
  bool done = false;
  if (atomic_compare_exchange_strong_explicit(&c->w, &w, w | RKC_W_LOCK, memory_order_acquire,
                                              memory_order_relaxed)) {
    if (atomic_load_explicit(&c->r, memory_order_relaxed) == r) {
      atomic_store_explicit(&c->r, r | m48, memory_order_relaxed);
      done = true;
    }
    atomic_store_explicit(&c->w, w, memory_order_release); /* unlock */
  }
  t->in_rt--;
  return done;
}

/* rkc__miss_rest without the short own path, which the word's state has
   just ruled out (a read beside another thread's read, a write of some
   of a word's bytes at a second stack): the general own path, else the
   slow path. */
static RKC_NOINLINE void miss_general(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, int flags,
                                      uintptr_t pc) {
  if (rkc__w_expanded(atomic_load_explicit(&c->w, memory_order_relaxed))) {
    if (rkc__ext_update(t, c, m48, flags, pc))
      return;
  } else if (rkc__access_own(t, c, m48, flags, pc)) {
    return;
  }
  rkc__access_slow(t, a, (unsigned)__builtin_popcountll(m48), flags, pc, true);
}

/* The calls below are tail calls. */
RKC_INLINE void rkc__miss_plain(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, int flags, uintptr_t pc) {
  if (!(flags & RKC_ACC_WRITE) && own_rjoin(t, c, m48, pc)) {
    if (RKC_UNLIKELY(t->npending))
      rkc__pending_run(t);
    return;
  }
  const int res = rkc__own_excl(t, c, atomic_load_explicit(&c->w, memory_order_relaxed),
                                atomic_load_explicit(&c->r, memory_order_relaxed), m48, flags, pc, true);
  if (RKC_LIKELY(res == RKC_OWN_DONE)) {
    if (RKC_UNLIKELY(t->npending))
      rkc__pending_run(t);
    return;
  }
  if (res == RKC_OWN_NO)
    miss_general(t, c, a, m48, flags, pc);
  else
    rkc__miss_rest(t, c, a, m48, flags, pc);
}
void rkc__miss_read1(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc) {
  rkc__miss_plain(t, c, a, m48, 0, pc);
}
void rkc__miss_write1(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc) {
  rkc__miss_plain(t, c, a, m48, RKC_ACC_WRITE, pc);
}
/* The leanest own update, else the short one (rkc__miss_read1/write1). */
RKC_INLINE void miss_lean(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, bool write, uintptr_t pc) {
  if (RKC_LIKELY(own_lean(t, c, m48, write, pc))) {
    if (RKC_UNLIKELY(t->npending))
      rkc__pending_run(t);
    return;
  }
  if (write)
    rkc__miss_write1(t, c, a, m48, pc);
  else
    rkc__miss_read1(t, c, a, m48, pc);
}
void rkc__miss_read(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc) {
  miss_lean(t, c, a, m48, false, pc);
}
void rkc__miss_write(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc) {
  miss_lean(t, c, a, m48, true, pc);
}
void rkc__miss_read8(rkc__thr *t, rkc__cell *c, uintptr_t a, uintptr_t pc) {
  miss_lean(t, c, a, (uint64_t)0xFF << 48, false, pc);
}
void rkc__miss_write8(rkc__thr *t, rkc__cell *c, uintptr_t a, uintptr_t pc) {
  miss_lean(t, c, a, (uint64_t)0xFF << 48, true, pc);
}
void rkc__miss_any(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, int flags, uintptr_t pc) {
  rkc__miss_rest(t, c, a, m48, flags, pc);
}

/* The next word of a range at a (size bytes left): its byte count *n
   and its cell (NULL: no leaf yet), one page-table walk per page (c: the
   previous word's cell, or NULL). */
static inline rkc__cell *range_step(uintptr_t a, size_t size, rkc__cell *c, unsigned *n) {
  *n = 8 - (unsigned)(a & 7);
  if (*n > size)
    *n = (unsigned)size;
  return !c || (a & ((1u << RKC_PAGE_SHIFT) - 1)) < 8 ? rkc__cell_lookup(a) : c + 1;
}

/* The bytes [a, a + n) of their word, in a record's mask place. */
static inline uint64_t word_mask48(uintptr_t a, unsigned n) {
  return (uint64_t)((0xFFu >> (8 - n)) << (a & 7)) << 48;
}

/* One word of a range that the fast check missed (c NULL: no leaf yet):
   the own paths, else the slow path (reporting if report). Returns 1 if
   the slow path ran (it may have mapped the leaf), 3 if it reported. */
static RKC_NOINLINE int range_word(rkc__thr *t, rkc__cell *c, uintptr_t a, unsigned n, uint64_t m48, int flags,
                                   uintptr_t pc, bool report) {
  if (c && rkc__own_update(t, c, m48, flags, pc))
    return 0;
  return rkc__access_slow(t, a, n, flags, pc, report) ? 3 : 1;
}

/* free() by the only thread left (rkc__thr_alone_begin; a program
   freeing its data after joining its workers): the whole words of a's
   page whose records are all ordered before the free take its write with
   plain stores, no lock, as nobody else can touch them meanwhile. Stops
   at the first word that needs the general path (a race to report, an
   out-of-line word); *alone false when other threads run. Returns the
   bytes done. */
static size_t free_alone(rkc__thr *t, uintptr_t a, size_t size, uintptr_t pc, uint32_t *free_stk, bool *alone) {
  if (!rkc__thr_alone_hint()) {
    *alone = false; /* a free in a program with threads running: no lock, no stack */
    return 0;
  }
  rkc__cell *c = rkc__cell_lookup(a);
  if (!c)
    return 0;
  rkc__rt_enter(t);
  if (!rkc__thr_alone_begin(t)) {
    *alone = false;
    rkc__rt_leave(t);
    return 0;
  }
  if (!*free_stk)
    *free_stk = rkc__thr_stack_id(t, pc); /* (takes no registry lock) */
  const uint64_t rec = t->ep | ((uint64_t)0xFF << 48) | rkc__sidx(t, c, *free_stk);
  rkc__meta *mt = rkc__meta_of(c);
  size_t n = (((a | ((1u << RKC_PAGE_SHIFT) - 1)) + 1) - a) >> 3;
  if (n > size >> 3)
    n = size >> 3;
  size_t i = 0;
  for (; i < n; i++) {
    const uint64_t w = atomic_load_explicit(&c[i].w, memory_order_relaxed);
    const uint64_t r = atomic_load_explicit(&c[i].r, memory_order_relaxed);
    const uint64_t rr = r & ~(RKC_R_TWO | RKC_R_PACK | RKC_R_WSPLIT);
    if ((w & RKC_W_LOCK) || rkc__w_expanded(w))
      break;
    if (w & RKC_W_EXT) {
      /* packed reads: earlier reads of the hot read's thread */
      if (!RKC_REC_MASK(rr))
        break;
    } else if (RKC_REC_MASK(w) && !rkc__hb_rec(t, w & ~RKC_W_FLAGS)) {
      break;
    }
    /* the hot read, or the note (a write of the hot write's epoch) */
    if (RKC_REC_MASK(rr) && !rkc__hb_rec(t, rr))
      break;
    if (r & RKC_R_TWO) { /* a second read or write in the cold word */
      const uint64_t cr = atomic_load_explicit(&mt[i].cold, memory_order_relaxed) & ~RKC_COLD_W;
      if (RKC_REC_MASK(cr) && !rkc__hb_rec(t, cr))
        break;
    } /* (RKC_R_PACK: earlier reads of the hot read's thread) */
    atomic_store_explicit(&c[i].r, 0, memory_order_relaxed);
    atomic_store_explicit(&c[i].w, rec | (w & RKC_W_SYNC), memory_order_relaxed);
    put_cold_stk(&mt[i], rec, 0, *free_stk);
  }
  rkc__thr_alone_end();
  rkc__rt_leave(t);
  return i << 3;
}

/* free(): a write over the whole block, mostly of words the program
   never touched: a whole page without a leaf is tagged (tag_freed), an
   empty, unlocked word takes the record with one CAS. (A slow path
   holding the word's lock at that instant may overwrite it: only a free
   racing with an access of that very word, which the slow path then
   reports anyway.) */
static RKC_NOINLINE void range_free(rkc__thr *t, uintptr_t a, size_t size, int flags, uintptr_t pc) {
  bool report = true, alone = true;
  uint32_t free_stk = 0;
  rkc__cell *c = NULL;
  while (size) {
    if (alone && !(a & 7) && size >= 8 && !(a >> 47)) {
      const size_t done = free_alone(t, a, size, pc, &free_stk, &alone);
      if (done) {
        a += done;
        size -= done;
        c = NULL;
        continue;
      }
    }
    if (!(a & ((1u << RKC_PAGE_SHIFT) - 1)) && size >= (1u << RKC_PAGE_SHIFT) && !(a >> 47) &&
        !rkc__cell_lookup(a)) {
      if (!free_stk) {
        rkc__rt_enter(t);
        free_stk = rkc__thr_stack_id(t, pc);
        rkc__rt_leave(t);
      }
      if (tag_freed(t, a, free_stk)) {
        a += 1u << RKC_PAGE_SHIFT;
        size -= 1u << RKC_PAGE_SHIFT;
        c = NULL;
        continue;
      }
    }
    unsigned n;
    c = range_step(a, size, c, &n);
    const uint64_t m48 = word_mask48(a, n);
    bool fast = c && rkc__cell_same_epoch(t, c, m48, flags);
    if (!fast && c && atomic_load_explicit(&c->r, memory_order_relaxed) == 0 &&
        atomic_load_explicit(&c->w, memory_order_relaxed) == 0) {
      if (!free_stk) {
        rkc__rt_enter(t);
        free_stk = rkc__thr_stack_id(t, pc);
        rkc__rt_leave(t);
      }
      uint64_t zero = 0;
      uint64_t rec = t->ep | m48 | rkc__sidx(t, c, free_stk);
      if (atomic_compare_exchange_strong_explicit(&c->w, &zero, rec, memory_order_relaxed,
                                                  memory_order_relaxed)) {
        put_cold_stk(rkc__meta_of(c), rec, 0, free_stk);
        fast = true;
      }
    }
    if (!fast && c)
      fast = rkc__own_update(t, c, m48, flags, pc);
    /* One report per range: the rest of a racy free is the same race. */
    if (!fast) {
      if (rkc__access_slow(t, a, n, flags, pc, report))
        report = false;
      c = NULL; /* the slow path may have mapped the leaf */
    }
    a += n;
    size -= n;
  }
}

void rkc__access_range(rkc__thr *t, uintptr_t a, size_t size, int flags, uintptr_t pc) {
  if (RKC_UNLIKELY(flags & RKC_ACC_FREE)) {
    range_free(t, a, size, flags, pc);
    return;
  }
  /* A loop that keeps little live (a string re-read in this epoch costs
     no call); each word it misses is range_word's. */
  bool report = true;
  rkc__cell *c = NULL;
  while (size) {
    unsigned n;
    c = range_step(a, size, c, &n);
    const uint64_t m48 = word_mask48(a, n);
    if (!c || !rkc__cell_same_epoch(t, c, m48, flags)) {
      int res = range_word(t, c, a, n, m48, flags, pc, report);
      if (res) {
        c = NULL; /* the slow path may have mapped the leaf */
        if (res == 3)
          report = false; /* one report per range: the rest of a racy memcpy is the same race */
      }
    }
    a += n;
    size -= n;
  }
}

/* Cold words need no clearing: a record with no stack index writes its
   half when it is stored, and an ext pointer lives only under RKC_W_EXT. */
static void clear_cells(rkc__cell *c, unsigned n, uintptr_t word, bool special) {
  rkc__meta *mt = rkc__meta_of(c);
  if (!special) {
    rkc__bzero(c, (size_t)n * sizeof *c);
    return;
  }
  for (unsigned i = 0; i < n; i++, word += 8) {
    uint64_t w = atomic_load_explicit(&c[i].w, memory_order_relaxed);
    if (w & RKC_W_FLAGS) {
      w = lock_cell(&c[i]);
      if (rkc__w_expanded(w)) {
        rkc__ext *x = (rkc__ext *)(uintptr_t)atomic_load_explicit(&mt[i].cold, memory_order_relaxed);
        ext_lock(x); /* waits for a thread updating its entries */
        ext_drop(x);
      }
      atomic_store_explicit(&mt[i].cold, 0, memory_order_relaxed);
    }
    atomic_store_explicit(&c[i].r, 0, memory_order_relaxed);
    atomic_store_explicit(&c[i].w, 0, memory_order_release);
    /* After the cell's lock: a compare-exchange records its access in the
       shadow holding its sync object's lock (tsan_abi.c; sync object ->
       cell is the order). */
    if (w & RKC_W_SYNC)
      rkc__sync_remove_word(word);
  }
}

void rkc__shadow_clear(uintptr_t a, size_t size) {
  rkc__thr *t = rkc__cur;
  if (t)
    t->xgen++; /* its memo's words may be new memory now */
  uintptr_t end = a + size;
  if (end < a || (end >> 47))
    end = (uintptr_t)1 << 47;
  a &= ~(uintptr_t)7;
  while (a < end) {
    uintptr_t page_end = (a | ((1u << RKC_PAGE_SHIFT) - 1)) + 1;
    uintptr_t stop = page_end < end ? page_end : end;
    if (!atomic_load_explicit(&rkc__l1[a >> 30], memory_order_relaxed)) {
      uintptr_t gb_end = (a | ((1ul << 30) - 1)) + 1;
      a = gb_end;
      continue;
    }
    rkc__l2e *e = l2e_lookup(a);
    uintptr_t v = e ? atomic_load_explicit(&e->leaf, memory_order_relaxed) : 0;
    unsigned n = (unsigned)((stop - a + 7) >> 3);
    while (v & RKC_FREED_TAG) {
      /* A page tagged as freed: forgotten whole, or given its leaf (the
         free's records) when only part of it is new. */
      if (n == RKC_CELLS_PER_LEAF) {
        if (atomic_compare_exchange_strong_explicit(&e->leaf, &v, 0, memory_order_relaxed, memory_order_relaxed))
          v = 0;
      } else {
        rkc__cell_get(a, NULL);
        v = atomic_load_explicit(&e->leaf, memory_order_acquire);
      }
    }
    if (v) {
      rkc__cell *leaf = rkc__leaf_of(v);
      unsigned first = (a >> 3) & (RKC_CELLS_PER_LEAF - 1);
      bool special = atomic_load_explicit(&e->special, memory_order_relaxed) != 0;
      if (n == RKC_CELLS_PER_LEAF && !special && size >= (64u << 10)) {
        syscall(SYS_madvise, leaf, (size_t)HOT_BYTES, MADV_DONTNEED);
        syscall(SYS_madvise, rkc__meta_of(leaf), (size_t)HOT_BYTES / 2, MADV_DONTNEED);
      } else
        clear_cells(leaf + first, n, a, special);
      if (n == RKC_CELLS_PER_LEAF)
        atomic_store_explicit(&e->special, 0, memory_order_relaxed);
    }
    a = stop;
  }
}

void rkc__shadow_mark_sync(uintptr_t a) {
  rkc__l2e *e;
  rkc__cell *c = rkc__cell_get(a, &e);
  if (!c)
    return;
  uint64_t w = lock_cell(c);
  if (!(w & RKC_W_SYNC))
    atomic_fetch_add_explicit(&e->special, 1, memory_order_relaxed);
  unlock_cell(c, w | RKC_W_SYNC);
  /* HB release: the mark before the count; pairs with rkc__atomic_begin/end. */
  if (!(w & RKC_W_SYNC))
    atomic_fetch_add_explicit(&rkc__sync_marks, 1, memory_order_release);
}

void rkc__shadow_fork_lock(void) {
  rkc__spin_lock(&leaf_lock);
  for (unsigned k = 0; k < EXT_NCLS; k++)
    rkc__spin_lock(&ext_free[k].lock);
}
void rkc__shadow_fork_unlock(void) {
  for (unsigned k = EXT_NCLS; k-- > 0;)
    rkc__spin_unlock(&ext_free[k].lock);
  rkc__spin_unlock(&leaf_lock);
}

void rkc__shadow_after_fork_child(void) {
  for (unsigned k = 0; k < nchunks; k++) {
    /* carved up to leaf_bump in the current chunk, whole in the others
       (the last one recorded need not be the current one past MAX_CHUNKS) */
    char *end = chunks[k] + HOT_AREA;
    if (leaf_bump > chunks[k] && leaf_bump <= end)
      end = leaf_bump;
    for (rkc__cell *c = (rkc__cell *)chunks[k]; (char *)c < end; c++) {
      uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
      if (w & RKC_W_LOCK)
        atomic_store_explicit(&c->w, w & ~RKC_W_LOCK, memory_order_relaxed);
      if (rkc__w_expanded(w)) { /* and its block's (ext_lock_if without the cell's) */
        rkc__ext *x = (rkc__ext *)(uintptr_t)atomic_load_explicit(&rkc__meta_of(c)->cold, memory_order_relaxed);
        atomic_fetch_and_explicit(&x->owner, ~XO_LOCK, memory_order_relaxed);
      }
    }
  }
}
