/* SPDX-License-Identifier: MIT */
/* Shadow memory and the FastTrack access check.
 * DESIGN: every 8 bytes of application memory have a 16-byte hot cell and
 * an 8-byte cold word, found through a two-level page table whose leaves
 * (512 cells, for one 4 KiB page) are mapped lazily: shadow grows with
 * memory touched. A record is 64 bits: clock (32) | slot (16) | byte mask
 * (8) | atomic flag | stack index (4). The compact cell holds the last
 * write record and one read record (FastTrack's write epoch and read
 * epoch, per byte mask) in the hot cell that the fast path reads (with the
 * lock bit). Each leaf has a table of 15 stack ids (set once, never
 * changed): a record whose stack id is in its leaf's table names it by
 * index; only a record whose stack did not fit (the leaf saw more than 15
 * distinct stacks) keeps its stack id in the cold word. So a page accessed
 * from a few call paths costs 16 bytes of shadow per 8 bytes, and its cold
 * words are never touched. A second read record (two concurrent readers,
 * or one thread's reads of different bytes in two epochs) goes to the cold
 * word when all three records have stack indices (RKC_R_TWO), or two more
 * reads of the hot read's thread, packed (RKC_R_PACK). When a
 * word's bytes have different last writers, or it keeps more reads
 * (FastTrack's read-shared state), the cell points to an out-of-line
 * rkc__ext that keeps every write and read record not superseded
 * (rkc__supersedes: a write supersedes the records of its bytes ordered
 * before it, a read the reads ordered before it; an atomic access keeps
 * plain records and unordered atomic ones). Nothing is ever evicted.
 * Records ordered before the horizon (thread.h) can never race and are
 * dropped when a cell is rewritten; a word left with no write and one
 * thread's reads of two or three epochs keeps the earlier reads packed in
 * the hot write word (RKC_HPACK_BITS): a tokenized text stays at 16 bytes
 * per 8. The owner thread's same-epoch checks read the cell without a
 * lock; any update takes the cell's lock bit (RKC_W_LOCK), except a
 * free() by the only thread not finished, which no thread can meet
 * meanwhile (rkc__thr_alone_begin): its records go in with plain stores
 * (shadow.c, free_alone). Reads and
 * atomic writes of an out-of-line word update its entries in place
 * (rkc__ext_update; a thread's memo of its own entry skips the lock for
 * the rest of its epoch), under the block's own lock: a thread that has
 * seen the word out of line before takes only the block's line (shadow.c,
 * rkc__ext). A word an atomic access leaves with two records or more
 * stays out of line (two threads storing to and loading from it keep
 * four records, and would otherwise go back and forth), and atomic
 * accesses leave its hot read as it is: the cell's line stays shared.
 * A thread whose later atomic accesses or reads of an out-of-line word
 * cannot race with any of its entries keeps their records in its own memo
 * (deferred) until another thread locks the block, which copies them in
 * (shadow.c, ext_collect): then the block's line stays shared too.
 */
#ifndef RACEKIT_INSTRUMENTATION_SHADOW_H
#define RACEKIT_INSTRUMENTATION_SHADOW_H

#include "thread.h"

#define RKC_REC_CLOCK(r) ((uint32_t)(r))
#define RKC_REC_SLOT(r) ((uint32_t)((r) >> 32) & 0xFFFFu)
#define RKC_REC_MASK(r) ((unsigned)((r) >> 48) & 0xFFu)
#define RKC_REC_ATOMIC (1ull << 56)
#define RKC_REC_EP 0xFFFFFFFFFFFFull
/* The record's stack: index 1..15 in its leaf's stack table, or 0: the
   stack id is in the cell's cold word half (write's [0], read's [1]). */
#define RKC_REC_SIDX_SHIFT 57
#define RKC_REC_SIDX (0xFull << RKC_REC_SIDX_SHIFT)

enum { RKC_ACC_WRITE = 1, RKC_ACC_ATOMIC = 2, RKC_ACC_FREE = 4 };

typedef struct rkc__cell {
  _Atomic uint64_t w; /* last write record; written under the cell lock */
  _Atomic uint64_t r; /* read record; written under the cell lock */
} rkc__cell;
_Static_assert(sizeof(rkc__cell) == 16, "the hot cell is 16 bytes");

/* Control bits in the top of the hot write word (records use bits 0-60):
   the cell's lock, "has sync objects", and "expanded" (the cold word then
   points to an rkc__ext, the hot write is zero and the hot read a copy of
   one of its read entries). */
#define RKC_W_LOCK (1ull << 63)
#define RKC_W_SYNC (1ull << 62)
#define RKC_W_EXT (1ull << 61)
#define RKC_W_FLAGS (RKC_W_LOCK | RKC_W_SYNC | RKC_W_EXT)
/* Or, RKC_W_EXT with a non-zero record part: the cell has no write (it
   was ordered before the horizon, thread.h, or there was none) and the
   hot write word holds one or two earlier reads of the hot read's thread
   instead, packed (RKC_HPACK_*), so that a thread reading a word's bytes
   in two or three epochs (a tokenizer) keeps 16 bytes of shadow. The
   mask bits (48-55) stay zero: no fast-path check ever matches it. */
#define RKC_HPACK_BITS 0xFFFFFFFFFFFFull
RKC_INLINE bool rkc__w_expanded(uint64_t w) { return (w & RKC_W_EXT) && !(w & RKC_HPACK_BITS); }
/* In the hot read word of a compact cell: the cold word holds a second
   read record (not a stack id); the hot read, the second read and the
   write then all have stack indices. Lets a word keep two unordered (or
   one thread's two differently-sized) reads without an rkc__ext. */
#define RKC_R_TWO (1ull << 63)
/* In the cold record of an RKC_R_TWO cell: it is a second WRITE record
   (the hot read then may be empty). Two writes stay side by side when an
   atomic write does not supersede the other (rkc__supersedes): a plain
   initialization and the atomics after it, or two threads' unordered
   atomic stores. */
#define RKC_COLD_W (1ull << 61)
/* Or: the cold word holds two more reads by the hot read's thread (its
   slot), plain, earlier than the hot read, with stack indices, 32 bits
   each: (hot clock - clock) << 12 | mask << 4 | stack index (a thread
   that read a word's bytes in three epochs: a tokenizer). */
#define RKC_R_PACK (1ull << 62)
/* Or: the hot read word is no read but a note on the hot write, which
   joins writes of one thread in one epoch (and kind) made at two stacks:
   the note is the later stack's record (the write's epoch and kind, its
   own stack index, the bytes last written there, a strict subset of the
   write's); the write's own stack index names the other bytes. The cell
   then keeps no read: a read makes the two writes two records again (the
   second in the cold word, RKC_COLD_W, with one read; else out of line),
   or drops them if they are before the horizon (thread.h); a third stack
   makes the cell out of line. So `p.x = 1; p.y = 2;` keeps 16 bytes of
   shadow, and a race on p.y is reported at the line of p.y. */
#define RKC_R_WSPLIT (1ull << 61)

/* A read packed in the hot write word (24 bits; two at bits 0 and 24):
   the hot read's clock minus its clock (12), its mask (8) and its stack
   index (4); zero: none. Same slot as the hot read, plain, earlier. */
#define RKC_HPACK_ENTRY(d, mask, sidx) ((uint64_t)((d) << 12 | (mask) << 4 | (sidx)))
enum { RKC_HPACK_MAXD = 1 << 12 };
/* The bytes of the two packed reads in v, entries width bits apart (24
   in the hot write word, 32 in the cold word, RKC_R_PACK). */
RKC_INLINE unsigned rkc__packed_masks(uint64_t v, unsigned width) {
  return ((unsigned)(v >> 4) | (unsigned)(v >> (width + 4))) & 0xFFu;
}

/* The cold word of a cell: the stack ids of the write (low 32) and read
   (high 32) records whose stack index is 0, or the rkc__ext pointer.
   Shadow comes in 64 MiB-aligned chunks: hot leaves fill the first 32 MiB,
   the cold word of the hot cell at offset o is at 32 MiB + o / 2, the
   stack table of the leaf at offset o (64 bytes) at 48 MiB + o / 128. */
typedef union rkc__meta {
  _Atomic uint64_t cold;    /* under the cell lock */
  _Atomic uint32_t half[2]; /* its halves (x86-64: little-endian): [0] write's, [1] read's stack id */
} rkc__meta;
_Static_assert(sizeof(rkc__meta) == 8, "the cold word is 8 bytes");

/* A hot leaf is 8 KiB (1 << RKC_LEAF_SHIFT), aligned to its size. */
enum { RKC_CHUNK_SHIFT = 26, RKC_HOT_SHIFT = 25, RKC_LEAF_SHIFT = 13, RKC_STAB_OFF = 3 << 24, RKC_STAB_N = 16 };

RKC_INLINE rkc__meta *rkc__meta_of(rkc__cell *c) {
  uintptr_t p = (uintptr_t)c;
  uintptr_t base = p & ~(((uintptr_t)1 << RKC_CHUNK_SHIFT) - 1);
  return (rkc__meta *)(base + ((uintptr_t)1 << RKC_HOT_SHIFT) + ((p - base) >> 1));
}

/* The stack table of c's leaf: entries 1..15 (entry 0 unused). An entry
   is 0 while free, set once with a CAS, then never changes (until the
   process ends): a record's index names the same stack forever. */
RKC_INLINE _Atomic uint32_t *rkc__stab_of(rkc__cell *c) {
  uintptr_t p = (uintptr_t)c;
  uintptr_t base = p & ~(((uintptr_t)1 << RKC_CHUNK_SHIFT) - 1);
  return (_Atomic uint32_t *)(base + RKC_STAB_OFF + (((p - base) >> RKC_LEAF_SHIFT) << 6));
}

/* The record bits (RKC_REC_SIDX) naming stk in tab, adding it if there is
   room; 0 when the table is full (or stk is 0). Caches the answer in t. */
RKC_INLINE unsigned rkc__sidx_memo_idx(_Atomic uint32_t *tab, uint32_t stk) {
  return (unsigned)(((uintptr_t)tab >> 6) + stk) & (RKC_SIDX_MEMO - 1);
}
RKC_HIDDEN uint64_t rkc__sidx_find(rkc__thr *t, _Atomic uint32_t *tab, uint32_t stk);
RKC_INLINE uint64_t rkc__sidx(rkc__thr *t, rkc__cell *c, uint32_t stk) {
  _Atomic uint32_t *tab = rkc__stab_of(c);
  const struct rkc__sidx_memo *e = &t->sidx[rkc__sidx_memo_idx(tab, stk)];
  if (RKC_LIKELY(e->tab == (void *)tab && e->stk == stk))
    return (uint64_t)e->bits << 32;
  return rkc__sidx_find(t, tab, stk);
}

/* The stack id of an access at pc to cell c and its record bits
   (rkc__sidx) from the memos alone, without a call: the access site's
   memo entry remembers the index in the last leaf it touched; else the
   index memo, else the leaf's table. The first access after a function
   entry computes the frame's node from the thread's cache. 0 when any of
   them misses (or the table is full). */
RKC_INLINE uint64_t rkc__stk_sidx_memo(rkc__thr *t, rkc__cell *c, uintptr_t pc, uint32_t *stk) {
  if (RKC_LIKELY(t->top != RKC_TOP_NONE) || rkc__thr_top_extend(t)) {
    struct rkc__smemo *e = rkc__smemo_find(t, pc, t->top);
    if (RKC_LIKELY(e != NULL)) {
      *stk = e->id;
      if (RKC_LIKELY(e->leaf == (uintptr_t)c >> RKC_LEAF_SHIFT))
        return (uint64_t)e->sbits << 32;
      _Atomic uint32_t *tab = rkc__stab_of(c);
      struct rkc__sidx_memo *m = &t->sidx[rkc__sidx_memo_idx(tab, e->id)];
      uint32_t bits = m->tab == (void *)tab && m->stk == e->id ? m->bits : 0;
      /* heap data spread over many pages: the leaf's table, up to its
         first free entry (rkc__sidx_find adds the stack there); the
         index memo then remembers it (one site's accesses alternating
         between pages: strlen over a hash chain) */
      for (unsigned i = 1; !bits && i < RKC_STAB_N; i++) {
        uint32_t v = atomic_load_explicit(&tab[i], memory_order_relaxed);
        if (!v)
          break;
        if (v == e->id) {
          bits = (uint32_t)(((uint64_t)i << RKC_REC_SIDX_SHIFT) >> 32);
          m->tab = (void *)tab;
          m->stk = e->id;
          m->bits = bits;
        }
      }
      if (bits) {
        e->leaf = (uintptr_t)c >> RKC_LEAF_SHIFT;
        e->sbits = bits;
        return (uint64_t)bits << 32;
      }
    }
  }
  return 0;
}

/* The same, computing what the memos miss (may call into the depot). */
RKC_INLINE uint64_t rkc__stk_sidx(rkc__thr *t, rkc__cell *c, uintptr_t pc, uint32_t *stk) {
  uint64_t bits = rkc__stk_sidx_memo(t, c, pc, stk);
  if (RKC_LIKELY(bits))
    return bits;
  *stk = rkc__thr_stack_id(t, pc);
  return rkc__sidx(t, c, *stk);
}

/* The stack id of record rec of cell c (half: 0 for its write record, 1
   for its read record), reading the cold word only if needed. Under the
   cell lock. */
RKC_INLINE uint32_t rkc__rec_stk(rkc__cell *c, uint64_t rec, unsigned half) {
  unsigned i = (unsigned)(rec >> RKC_REC_SIDX_SHIFT) & 0xFu;
  if (i)
    return atomic_load_explicit(&rkc__stab_of(c)[i], memory_order_relaxed);
  return atomic_load_explicit(&rkc__meta_of(c)->half[half], memory_order_relaxed);
}

typedef struct rkc__ent {
  uint64_t rec;
  uint32_t stk;
  uint32_t pad;
} rkc__ent;

typedef struct rkc__l2e {
  /* The page's leaf: its address with RKC_LEAF_BIT set (odd: the fast
     path tests one bit for "no leaf, or a tag"); 0 (none); or, with
     RKC_FREED_TAG set (even), the record of a free() of the whole page
     made before any access mapped its leaf: the epoch (clock | slot << 32)
     shifted left by two. A leaf replaces the tag (CAS) with every cell
     holding that free's write. */
  _Atomic uintptr_t leaf; /* atomic: CAS publish (acquire/release: a tag's fstk) */
  atomic_uint special;    /* cells that got an ext or a sync object since the last clear */
  _Atomic uint32_t fstk;  /* the free's stack id while tagged; written before the tag */
} rkc__l2e;
#define RKC_LEAF_BIT ((uintptr_t)1)
#define RKC_FREED_TAG ((uintptr_t)2)
RKC_INLINE rkc__cell *rkc__leaf_of(uintptr_t v) { return (rkc__cell *)(v - RKC_LEAF_BIT); }

enum { RKC_L1_BITS = 17, RKC_L2_BITS = 18, RKC_PAGE_SHIFT = 12, RKC_CELLS_PER_LEAF = 512 };
/* The cell of address a in the leaf of entry value v (RKC_LEAF_BIT set):
   its byte offset in the leaf is a's within its page, times 2. */
RKC_INLINE rkc__cell *rkc__cell_at(uintptr_t v, uintptr_t a) {
  return (rkc__cell *)(v - RKC_LEAF_BIT + ((a & ((1u << RKC_PAGE_SHIFT) - 8)) << 1));
}
extern _Atomic(rkc__l2e *) rkc__l1[1 << RKC_L1_BITS];

/* What the slow path found: the current access and the earlier one. */
typedef struct rkc__race_info {
  rkc__thr *t;
  uintptr_t addr;
  unsigned size;
  int flags;         /* RKC_ACC_* of the current access */
  uint32_t cur_stk;
  uint64_t prev_rec;
  uint32_t prev_stk;
  bool prev_write;
} rkc__race_info;

/* Set by the runtime (race.c) or a unit test. Called without any lock. */
extern void (*rkc__race_hook)(const rkc__race_info *);
/* Called when in_rt drops to 0 with deferred signals pending. */
extern void (*rkc__pending_hook)(rkc__thr *);

RKC_INLINE void rkc__rt_enter(rkc__thr *t) { t->in_rt++; }
RKC_INLINE void rkc__rt_leave(rkc__thr *t) {
  if (--t->in_rt == 0 && RKC_UNLIKELY(t->npending) && rkc__pending_hook)
    rkc__pending_hook(t);
}

/* The cell of a in *c, if its leaf is mapped (the fast path's walk: no
   test of the result for NULL). */
RKC_INLINE bool rkc__cell_find(uintptr_t a, rkc__cell **c) {
  const uintptr_t i = a >> 30;
  if (RKC_UNLIKELY(i >= (1u << RKC_L1_BITS))) /* at or above 2^47 */
    return false;
  rkc__l2e *l2 = atomic_load_explicit(&rkc__l1[i], memory_order_relaxed);
  if (RKC_UNLIKELY(!l2))
    return false;
  uintptr_t v = atomic_load_explicit(&l2[(a >> RKC_PAGE_SHIFT) & ((1u << RKC_L2_BITS) - 1)].leaf,
                                     memory_order_relaxed);
  if (RKC_UNLIKELY(!(v & RKC_LEAF_BIT)))
    return false; /* no leaf yet (or a tag): rkc__cell_get maps it */
  *c = rkc__cell_at(v, a);
  return true;
}
RKC_INLINE rkc__cell *rkc__cell_lookup(uintptr_t a) {
  rkc__cell *c;
  return rkc__cell_find(a, &c) ? c : NULL;
}

/* The cell of a, mapping its leaf if needed; NULL above the user address space. */
RKC_HIDDEN rkc__cell *rkc__cell_get(uintptr_t a, rkc__l2e **l2e);

/* Full check and update of one access inside one 8-byte word. Returns true
   if it found (and, with report, reported) a race. */
RKC_HIDDEN bool rkc__access_slow(rkc__thr *t, uintptr_t a, unsigned size, int flags, uintptr_t pc,
                                 bool report);

/* FastTrack's update when the thread's epoch changed but the word's
   earlier accesses all happen before this one (typically the thread's own,
   from before its last release): a compact cell stays compact and this
   access replaces the records it covers. Takes the cell lock (one CAS,
   no call, no allocation); returns false, with the cell untouched, for
   everything else (a race to report, mixed sizes, concurrent reads, an
   expanded or locked cell), which the slow path then handles. */
RKC_INLINE bool rkc__hb_rec(const rkc__thr *t, uint64_t rec) {
  uint32_t s = RKC_REC_SLOT(rec);
  return s == t->slot || rkc__vc_get(&t->vc, s) >= RKC_REC_CLOCK(rec);
}

/* Is rec ordered before every access still to come (thread.h)? */
RKC_INLINE bool rkc__rec_dead(uint64_t rec) {
  return RKC_REC_CLOCK(rec) <= atomic_load_explicit(&rkc__horizon[RKC_REC_SLOT(rec)], memory_order_relaxed);
}

/* May an access of t (flags) supersede the record rec of its bytes (a
   write any record, a read a read)? Only when rec is ordered before it
   and the access races with everything rec races with: a plain access,
   or rec atomic. An atomic access leaves a plain record (a later atomic
   access unordered with rec races with rec, not with this one) and an
   unordered atomic one (a later plain access ordered after this one
   alone races with rec) in place. */
RKC_INLINE bool rkc__supersedes(const rkc__thr *t, uint64_t rec, int flags) {
  return rkc__hb_rec(t, rec) && (!(flags & RKC_ACC_ATOMIC) || (rec & RKC_REC_ATOMIC));
}

/* Cheap rejections before taking anything: the write record must be
   replaceable (write) or ordered (read). Rechecked under the lock. */
RKC_INLINE bool rkc__own_ok(const rkc__thr *t, rkc__cell *c, uint64_t m48, int flags) {
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  if ((w & (RKC_W_LOCK | RKC_W_EXT)) || t->ignore)
    return false;
  if (flags & RKC_ACC_WRITE)
    return !(RKC_REC_MASK(w) & ~(unsigned)(m48 >> 48)) ||
           (w & (RKC_REC_EP | RKC_REC_ATOMIC)) == (t->ep | ((flags & RKC_ACC_ATOMIC) ? RKC_REC_ATOMIC : 0));
  return !(w & m48) || rkc__hb_rec(t, w) || ((flags & RKC_ACC_ATOMIC) && (w & RKC_REC_ATOMIC));
}

/* May the new record nrec join the record rec of other bytes (rec |= its
   mask)? Only when both are of this epoch and kind AND name the same stack
   by a stack index: a joined record reports one stack for all its bytes,
   so two accesses at different lines stay two records, each reported at
   its own line. Records without a stack index (full table) are compared
   by stack id in the slow path. Two writes of one epoch and kind at two
   stacks share the hot write with a note (RKC_R_WSPLIT). */
#define RKC_REC_JOINS(rec, nrec)                                                                   \
  (((nrec) & RKC_REC_SIDX) &&                                                                      \
   ((rec) & (RKC_REC_EP | RKC_REC_ATOMIC | RKC_REC_SIDX)) == ((nrec) & (RKC_REC_EP | RKC_REC_ATOMIC | RKC_REC_SIDX)))
/* Same epoch and kind (any stacks): may share one hot write, with a note. */
#define RKC_REC_SAMEK(rec, nrec)                                                                   \
  (((rec) & (RKC_REC_EP | RKC_REC_ATOMIC)) == ((nrec) & (RKC_REC_EP | RKC_REC_ATOMIC)))

/* The update itself, inside the runtime (signals wait while the cell lock
   is held), with the access's stack id and its stack index computed. */
RKC_INLINE bool rkc__own_locked(rkc__thr *t, rkc__cell *c, uint64_t m48, int flags, uint32_t stk,
                                uint64_t sidx) {
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  if ((w & (RKC_W_LOCK | RKC_W_EXT)) ||
      !atomic_compare_exchange_strong_explicit(&c->w, &w, w | RKC_W_LOCK, memory_order_acquire,
                                               memory_order_relaxed))
    return false;
  /* Locked: w (with its SYNC bit) is the write word, r and cold are stable. */
  const bool write = flags & RKC_ACC_WRITE;
  const uint64_t nrec = t->ep | m48 | ((flags & RKC_ACC_ATOMIC) ? RKC_REC_ATOMIC : 0) | sidx;
  const uint64_t wrec = w & ~RKC_W_FLAGS;
  uint64_t r = atomic_load_explicit(&c->r, memory_order_relaxed);
  uint64_t fin = w; /* unlocked below */
  bool done = false;
  bool wok = !(wrec & m48) || rkc__hb_rec(t, wrec) || ((flags & RKC_ACC_ATOMIC) && (wrec & RKC_REC_ATOMIC));
  /* A write supersedes only some records of its bytes (rkc__supersedes);
     the others stay beside it (slow path). */
  const bool wsup = !(wrec & m48) || rkc__supersedes(t, wrec, flags);
  if ((r & RKC_R_WSPLIT) && !write && rkc__hb_rec(t, wrec)) {
    /* A read ordered after a split write: both writes stay beside it,
       each to be reported at its own line (the slow path), unless the
       write is before the horizon: then it goes, note and all. */
    if (!rkc__rec_dead(wrec)) {
      atomic_store_explicit(&c->w, w, memory_order_release); /* unlock */
      return false;
    }
    atomic_store_explicit(&c->r, 0, memory_order_relaxed);
    fin = w & RKC_W_SYNC;
    r = 0;
  }
  if (r & RKC_R_WSPLIT) {
    /* A split write (the note): this thread's next write of the epoch
       at one of its two stacks joins that part; a write covering every
       byte replaces it. Anything else is for the slow path. */
    if (write && wsup) {
      const unsigned wm = RKC_REC_MASK(wrec), am = (unsigned)(m48 >> 48);
      if (!(wm & ~am)) {
        fin = nrec | (w & RKC_W_SYNC);
        if (!sidx)
          atomic_store_explicit(&rkc__meta_of(c)->half[0], stk, memory_order_relaxed);
        atomic_store_explicit(&c->r, 0, memory_order_relaxed);
        done = true;
      } else if (sidx && RKC_REC_SAMEK(wrec, nrec)) {
        uint64_t nr = 0;
        if ((wrec & RKC_REC_SIDX) == sidx) {
          nr = r & ~m48; /* those bytes are the first stack's again */
          if (!RKC_REC_MASK(nr))
            nr = 0;
          done = true;
        } else if ((r & RKC_REC_SIDX) == sidx) {
          nr = r | m48;
          done = true;
        }
        if (done) {
          atomic_store_explicit(&c->r, nr, memory_order_relaxed);
          fin = wrec | m48 | (w & RKC_W_SYNC);
        }
      }
    }
  } else if (r & RKC_R_PACK) {
    /* Packed reads are relative to the hot read's clock: only a read of
       the same epoch may join the hot one here. */
    if (!write && wok && RKC_REC_JOINS(r, nrec)) {
      atomic_store_explicit(&c->r, r | m48, memory_order_relaxed);
      done = true;
    }
  } else if (r & RKC_R_TWO) {
    /* Two reads, or a read and a second write (RKC_COLD_W; shadow.c keeps
       the cold one): a read ordered after that write may replace or join
       the hot read as below, keeping the flag; anything else (a write, a
       record without a stack index) is for the slow path. */
    uint64_t cold = atomic_load_explicit(&rkc__meta_of(c)->cold, memory_order_relaxed);
    bool cok = !(cold & RKC_COLD_W) || !(cold & m48) || rkc__hb_rec(t, cold) ||
               ((flags & RKC_ACC_ATOMIC) && (cold & RKC_REC_ATOMIC));
    if (!write && wok && cok) {
      if (sidx && rkc__supersedes(t, r, flags) && !(RKC_REC_MASK(r) & ~(unsigned)(m48 >> 48))) {
        atomic_store_explicit(&c->r, nrec | RKC_R_TWO, memory_order_relaxed);
        done = true;
      } else if (RKC_REC_JOINS(r, nrec)) {
        atomic_store_explicit(&c->r, r | m48, memory_order_relaxed);
        done = true;
      } else if (sidx && !(cold & RKC_COLD_W) && rkc__supersedes(t, cold, flags) &&
                 !(RKC_REC_MASK(cold) & ~(unsigned)(m48 >> 48))) {
        /* Two threads reading in turn: this read replaces the cold one
           (its thread's earlier read), the hot one moves to the cold word. */
        atomic_store_explicit(&rkc__meta_of(c)->cold, r & ~RKC_R_TWO, memory_order_relaxed);
        atomic_store_explicit(&c->r, nrec | RKC_R_TWO, memory_order_relaxed);
        done = true;
      }
    } else if (write && (flags & RKC_ACC_ATOMIC) && sidx && (cold & RKC_COLD_W) && (wrec & RKC_REC_SIDX)) {
      /* An atomic write beside two writes (two threads' unordered atomic
         stores, or a plain write kept under atomics): each write either
         goes (all its bytes covered, superseded) or stays untouched (kept,
         or other bytes); this write becomes the hot one and the other stays
         in the cold word. Partial overlaps, a race, three writes: the slow
         path. */
      const uint64_t cw = cold & ~RKC_COLD_W;
      const unsigned am = (unsigned)(m48 >> 48);
      const uint64_t rr = r & ~RKC_R_TWO;
      bool ok = !(rr & m48) || rkc__hb_rec(t, rr) || (rr & RKC_REC_ATOMIC);
      ok = ok && (!(wrec & m48) || rkc__hb_rec(t, wrec) || (wrec & RKC_REC_ATOMIC)) &&
           (!(cw & m48) || rkc__hb_rec(t, cw) || (cw & RKC_REC_ATOMIC));
      const bool wgone = !(RKC_REC_MASK(wrec) & ~am) && rkc__supersedes(t, wrec, flags);
      const bool wkeep = !(wrec & m48) || !rkc__supersedes(t, wrec, flags);
      const bool cgone = !(RKC_REC_MASK(cw) & ~am) && rkc__supersedes(t, cw, flags);
      const bool ckeep = !(cw & m48) || !rkc__supersedes(t, cw, flags);
      if (ok && (wgone || wkeep) && (cgone || ckeep) && !(wkeep && ckeep)) {
        uint64_t nr = (rr & m48) && rkc__supersedes(t, rr, flags) ? rr & ~m48 : rr;
        if (!RKC_REC_MASK(nr))
          nr = 0;
        if (wkeep) /* the old hot write to the cold word (the cold one goes) */
          atomic_store_explicit(&rkc__meta_of(c)->cold, wrec | RKC_COLD_W, memory_order_relaxed);
        atomic_store_explicit(&c->r, nr | (wgone && cgone ? 0 : RKC_R_TWO), memory_order_relaxed);
        fin = nrec | (w & RKC_W_SYNC);
        done = true;
      }
    }
  } else if (write) {
    /* Both records ordered before this write (else a race, or an atomic
       kept beside an atomic write: slow path),
       and the old write's bytes all covered: it is replaced; or the old
       write is of this epoch and kind at the same stack: this write joins
       it; or at another stack, with no read left: joined with a note
       (RKC_R_WSPLIT). As rkc__access_slow does. */
    bool rsup = !(r & m48) || rkc__supersedes(t, r, flags);
    if (wsup && rsup) {
      uint64_t nw = 0;
      uint64_t nr = r & ~m48;
      if (!RKC_REC_MASK(nr))
        nr = 0;
      if (!(RKC_REC_MASK(wrec) & ~(unsigned)(m48 >> 48))) {
        nw = nrec;
        if (!sidx) /* the cold line is written only when the table is full */
          atomic_store_explicit(&rkc__meta_of(c)->half[0], stk, memory_order_relaxed);
      } else if (RKC_REC_JOINS(wrec, nrec)) {
        nw = wrec | m48;
      } else if (!nr && sidx && (wrec & RKC_REC_SIDX) && RKC_REC_SAMEK(wrec, nrec)) {
        nw = wrec | m48; /* the same epoch at another stack: split, with a note */
        nr = nrec | RKC_R_WSPLIT;
      }
      if (nw) {
        atomic_store_explicit(&c->r, nr, memory_order_relaxed);
        fin = nw | (w & RKC_W_SYNC);
        done = true;
      }
    }
  } else if (wok) {
    /* The old read ordered before this one and covered by it: replaced;
       or of this epoch (and kind) at the same stack: joined. */
    if (!RKC_REC_MASK(r) || (rkc__supersedes(t, r, flags) && !(RKC_REC_MASK(r) & ~(unsigned)(m48 >> 48)))) {
      atomic_store_explicit(&c->r, nrec, memory_order_relaxed);
      if (!sidx)
        atomic_store_explicit(&rkc__meta_of(c)->half[1], stk, memory_order_relaxed);
      done = true;
    } else if (RKC_REC_JOINS(r, nrec)) {
      atomic_store_explicit(&c->r, r | m48, memory_order_relaxed);
      done = true;
    } else if (sidx && (r & RKC_REC_SIDX) && (!RKC_REC_MASK(wrec) || rkc__rec_dead(wrec)) &&
               RKC_REC_SLOT(r) == t->slot && !(r & RKC_REC_ATOMIC) && RKC_REC_CLOCK(r) < t->clock &&
               t->clock - RKC_REC_CLOCK(r) < RKC_HPACK_MAXD) {
      /* This thread's read of other bytes in an earlier epoch, and no
         write left (none, or one before the horizon): packed in the hot
         write word (RKC_HPACK_BITS; shadow.c does the same). */
      uint64_t old = rkc__supersedes(t, r, flags) ? r & ~m48 : r;
      fin = RKC_W_EXT | (w & RKC_W_SYNC) |
            RKC_HPACK_ENTRY(t->clock - RKC_REC_CLOCK(r), RKC_REC_MASK(old), (unsigned)(old >> RKC_REC_SIDX_SHIFT) % 16);
      atomic_store_explicit(&c->r, nrec, memory_order_relaxed);
      done = true;
    } else if (sidx && (r & RKC_REC_SIDX) && (!RKC_REC_MASK(wrec) || (wrec & RKC_REC_SIDX))) {
      /* Another read that stays (other bytes, or not ordered before this
         one): two reads, the old one in the cold word, without the bytes
         this read stands for when it is ordered before it (as
         rkc__access_slow keeps them). */
      uint64_t old = rkc__supersedes(t, r, flags) ? r & ~m48 : r;
      atomic_store_explicit(&rkc__meta_of(c)->cold, old, memory_order_relaxed);
      atomic_store_explicit(&c->r, nrec | RKC_R_TWO, memory_order_relaxed);
      done = true;
    }
  }
  atomic_store_explicit(&c->w, fin, memory_order_release); /* unlock */
  return done;
}

/* The commonest update, first: a plain access to a compact word whose
   records are ordered before it and covered by it (superseded: FastTrack's
   "exclusive" state, a thread re-accessing its data after a release, or
   data handed over), or, for a read, a write of other bytes. w and r as
   the fast path read them; rechecked under the lock (w by the CAS, r
   after it). quick: the access's stack index only from the memos, and no
   call at all (not even rkc__pending_hook: the caller runs the signals
   deferred meanwhile), so that the fast path's miss is a leaf function.
   Returns RKC_OWN_DONE; RKC_OWN_NO when the word's state rules it out
   (the caller need not try it again); RKC_OWN_AGAIN when it found no
   stack index in the memos (quick), or the cell changed or was locked. */
enum { RKC_OWN_NO, RKC_OWN_DONE, RKC_OWN_AGAIN };
RKC_INLINE int rkc__own_excl(rkc__thr *t, rkc__cell *c, uint64_t w, uint64_t r, uint64_t m48, int flags,
                              uintptr_t pc, bool quick) {
  const uint64_t wbad = RKC_W_LOCK | RKC_W_EXT;
  const uint64_t rflags = RKC_R_TWO | RKC_R_PACK | RKC_R_WSPLIT;
  const uint64_t notm = ~m48 & ((uint64_t)0xFF << 48);
  /* w: for a read, of other bytes or ordered before it; for a write,
     absent or ordered before it and covered (replaced). r: absent, or
     ordered before the access and covered (a write drops it, a read
     replaces it); for a write also with a second or packed read, or a
     second write, in the cold word, all covered and ordered before it
     (checked under the lock), or a note (its bytes are the write's); for
     a read also with a second read or write in the cold word (RKC_R_TWO),
     which stays, a write only if ordered before the read (checked under
     the lock). A plain access supersedes any record ordered before it
     (rkc__supersedes). */
  /* a read joining this thread's read of this epoch (a byte loop): below */
  const bool rjoin = !(flags & RKC_ACC_WRITE) && (r & (RKC_REC_EP | RKC_REC_ATOMIC)) == t->ep;
  /* A plain write of other bytes of this thread's write of this epoch
     (a string built piece by piece: memcpy, then a separator): it joins
     that write, or splits it with a note (RKC_R_WSPLIT) at a second
     stack, or joins the note's part at the note's stack; a third stack
     is the general path's. No read left (a note or nothing). As
     rkc__own_locked does. */
  const bool wjoin = (flags & (RKC_ACC_WRITE | RKC_ACC_FREE)) == RKC_ACC_WRITE && !(w & wbad) &&
                     (w & notm) && (w & (RKC_REC_EP | RKC_REC_ATOMIC)) == t->ep &&
                     (!r || (r & (RKC_R_TWO | RKC_R_PACK | RKC_R_WSPLIT | RKC_REC_EP | RKC_REC_ATOMIC)) ==
                                (RKC_R_WSPLIT | t->ep));
  uint64_t wnext = w; /* a read's write word after it */
  const uint64_t rbad = RKC_R_PACK | RKC_R_WSPLIT; /* a read's: not RKC_R_TWO (above) */
  if ((w & wbad) || ((r & rbad) && !(flags & RKC_ACC_WRITE)) || t->ignore) {
    /* Packed reads in the hot write word (no write): a read joining the
       hot read keeps its clock, which the packed ones are relative to; a
       write replaces them all if it covers them (checked under the lock)
       and the hot read (earlier clocks of its thread) is ordered before it. */
    if ((w & (RKC_W_LOCK | RKC_W_EXT)) != RKC_W_EXT || !(w & RKC_HPACK_BITS) ||
        !(rjoin || (flags & RKC_ACC_WRITE)) || (r & rflags) || t->ignore)
      return RKC_OWN_NO;
  }
  if (wjoin) {
    /* (checked above) */
  } else if (flags & RKC_ACC_WRITE) {
    if (RKC_REC_MASK(w) && ((w & notm) || !rkc__hb_rec(t, w)))
      return RKC_OWN_NO;
  } else if (w & m48) {
    /* Another thread's write before the horizon (thread.h; data set up
       before the threads): it goes, and the word's later reads skip its
       check. Else it must be ordered before this read. */
    if (RKC_REC_SLOT(w) != t->slot && rkc__rec_dead(w))
      wnext = w & RKC_W_SYNC;
    else if (!rkc__hb_rec(t, w))
      return RKC_OWN_NO;
  }
  if ((r && !rjoin && !wjoin && ((r & notm) || !rkc__hb_rec(t, r))) ||
      ((r & RKC_R_TWO) && !(flags & RKC_ACC_WRITE) && wnext != w))
    return RKC_OWN_NO; /* a dead write beside two records: the slow path drops it */
  rkc__rt_enter(t);
  uint32_t stk;
  const uint64_t sidx = quick ? rkc__stk_sidx_memo(t, c, pc, &stk) : rkc__stk_sidx(t, c, pc, &stk);
  bool done = false;
  if (sidx && atomic_compare_exchange_strong_explicit(&c->w, &w, w | RKC_W_LOCK, memory_order_acquire,
                                                      memory_order_relaxed)) {
    /* Locked, and w as checked above; r may have changed before the lock. */
    bool cold_ok = true;
    if (wjoin) {
      /* (no cold record: none with a note, none without a read) */
    } else if ((w & RKC_W_EXT) && (flags & RKC_ACC_WRITE)) { /* the packed reads' masks */
      unsigned pm = rkc__packed_masks(w, 24);
      cold_ok = !(((uint64_t)pm << 48) & notm);
    } else if (r & (RKC_R_TWO | RKC_R_PACK)) { /* a write: the cold records go too */
      uint64_t cold = atomic_load_explicit(&rkc__meta_of(c)->cold, memory_order_relaxed);
      if (!(flags & RKC_ACC_WRITE)) { /* a read: a second write must be ordered before it */
        cold_ok = !(cold & RKC_COLD_W) || !(cold & m48) || rkc__hb_rec(t, cold);
      } else if (r & RKC_R_TWO) {
        uint64_t rec = cold & ~RKC_COLD_W;
        cold_ok = !(rec & notm) && rkc__hb_rec(t, rec);
      } else { /* earlier reads of r's thread (ordered before r): masks only */
        unsigned pm = rkc__packed_masks(cold, 32);
        cold_ok = !(((uint64_t)pm << 48) & notm);
      }
    }
    if (cold_ok && atomic_load_explicit(&c->r, memory_order_relaxed) == r) {
      const uint64_t nrec = t->ep | m48 | sidx;
      if (wjoin) {
        uint64_t nr = r;
        done = true;
        if ((w & RKC_REC_SIDX) == sidx) {
          nr = r & ~m48; /* the write's own stack: those bytes are its again */
          if (!RKC_REC_MASK(nr))
            nr = 0;
        } else if (!r && (w & RKC_REC_SIDX)) {
          nr = nrec | RKC_R_WSPLIT; /* a second stack: split, with a note */
        } else if (r && (r & RKC_REC_SIDX) == sidx) {
          nr = r | m48; /* the note's stack */
        } else {
          done = false; /* a third stack, or the write without an index */
        }
        if (done) {
          atomic_store_explicit(&c->r, nr, memory_order_relaxed);
          w |= m48;
        }
      } else if (flags & RKC_ACC_WRITE) {
        atomic_store_explicit(&c->r, 0, memory_order_relaxed);
        w = nrec | (w & RKC_W_SYNC);
        done = true;
      } else if (!rjoin || !(r & notm)) {
        atomic_store_explicit(&c->r, nrec | (r & RKC_R_TWO), memory_order_relaxed); /* replaces (covers) r */
        w = wnext;
        done = true;
      } else if ((r & RKC_REC_SIDX) == sidx) {
        atomic_store_explicit(&c->r, r | m48, memory_order_relaxed); /* RKC_REC_JOINS */
        w = wnext;
        done = true;
      }
    }
    atomic_store_explicit(&c->w, w, memory_order_release); /* unlock */
  }
  if (quick)
    t->in_rt--;
  else
    rkc__rt_leave(t);
  return done ? RKC_OWN_DONE : RKC_OWN_AGAIN;
}

RKC_INLINE bool rkc__access_own(rkc__thr *t, rkc__cell *c, uint64_t m48, int flags, uintptr_t pc) {
  if (!rkc__own_ok(t, c, m48, flags))
    return false;
  rkc__rt_enter(t);
  uint32_t stk;
  uint64_t sidx = rkc__stk_sidx(t, c, pc, &stk);
  bool done = rkc__own_locked(t, c, m48, flags, stk, sidx);
  rkc__rt_leave(t);
  return done;
}

RKC_HIDDEN bool rkc__ext_update(rkc__thr *t, rkc__cell *c, uint64_t m48, int flags, uintptr_t pc);

/* The own paths for an access (m48: its bytes) to cell c: a read or an
   atomic write of an out-of-line cell in place (rkc__ext_update); else
   the short one for plain accesses (free() included), then the general
   one (not for free()). False: the slow path's turn. */
RKC_INLINE bool rkc__own_update(rkc__thr *t, rkc__cell *c, uint64_t m48, int flags, uintptr_t pc) {
  if (rkc__w_expanded(atomic_load_explicit(&c->w, memory_order_relaxed)))
    return rkc__ext_update(t, c, m48, flags, pc);
  return (!(flags & RKC_ACC_ATOMIC) &&
          rkc__own_excl(t, c, atomic_load_explicit(&c->w, memory_order_relaxed),
                        atomic_load_explicit(&c->r, memory_order_relaxed), m48, flags, pc, false) ==
              RKC_OWN_DONE) ||
         (!(flags & RKC_ACC_FREE) && rkc__access_own(t, c, m48, flags, pc));
}

/* After the fast path's miss on cell c of the access at a (m48: its
   bytes): the own paths, else the slow path (rkc__miss_rest). One per
   kind and size of access, out of line (tail calls from the fast path,
   which then saves only the registers it uses itself). A plain access
   of 8 bytes (rkc__miss_read8, rkc__miss_write8: the mask a constant)
   or 4 (rkc__miss_read, rkc__miss_write) first tries the leanest own
   update (shadow.c, own_lean: a thread streaming over its own words);
   then, as a plain access of 1 or 2 bytes does at once (rkc__miss_read1,
   rkc__miss_write1: string code, whose words mostly hold reads at two
   stacks, which the leanest update never takes), the short own path
   without any call (rkc__own_excl); rkc__miss_any takes the others. */
RKC_HIDDEN RKC_NOINLINE void rkc__miss_rest(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, int flags,
                                            uintptr_t pc);
RKC_HIDDEN RKC_NOINLINE void rkc__pending_run(rkc__thr *t);
RKC_HIDDEN RKC_NOINLINE void rkc__miss_read(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc);
RKC_HIDDEN RKC_NOINLINE void rkc__miss_write(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc);
RKC_HIDDEN RKC_NOINLINE void rkc__miss_read8(rkc__thr *t, rkc__cell *c, uintptr_t a, uintptr_t pc);
RKC_HIDDEN RKC_NOINLINE void rkc__miss_write8(rkc__thr *t, rkc__cell *c, uintptr_t a, uintptr_t pc);
RKC_HIDDEN RKC_NOINLINE void rkc__miss_read1(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc);
RKC_HIDDEN RKC_NOINLINE void rkc__miss_write1(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, uintptr_t pc);
RKC_HIDDEN RKC_NOINLINE void rkc__miss_any(rkc__thr *t, rkc__cell *c, uintptr_t a, uint64_t m48, int flags,
                                           uintptr_t pc);

/* Does the hot record word v (write or read) already stand for an access
   of t to bytes m (m48) with flags: its epoch, the bytes covered, and at
   least as strict (plain, or this access atomic)? Only this thread writes
   records of its current epoch. One mask, one compare (flag bits of v
   are outside the mask). */
RKC_INLINE bool rkc__rec_covers(const rkc__thr *t, uint64_t v, uint64_t m, int flags) {
  if (__builtin_constant_p(m) && m == (uint64_t)0xFF << 48 && !(flags & RKC_ACC_ATOMIC))
    return ((v ^ t->ep8) << 7) == 0; /* bits 0-56 (epoch, bytes, plain) as ep8's; one constant less */
  const uint64_t k = RKC_REC_EP | m | ((flags & RKC_ACC_ATOMIC) ? 0 : RKC_REC_ATOMIC);
  return (v & k) == (t->ep | m);
}

/* Is the word's state already covering this access (same epoch)? */
RKC_INLINE bool rkc__cell_same_epoch(const rkc__thr *t, rkc__cell *c, uint64_t m, int flags) {
  return rkc__rec_covers(t, atomic_load_explicit(&c->w, memory_order_relaxed), m, flags) ||
         (!(flags & RKC_ACC_WRITE) && rkc__rec_covers(t, atomic_load_explicit(&c->r, memory_order_relaxed), m, flags));
}

/* The access fast path: size 1..8, [a, a+size) inside one word. */
RKC_INLINE void rkc__access1(rkc__thr *t, uintptr_t a, unsigned size, int flags, uintptr_t pc) {
  rkc__cell *c;
  if (RKC_LIKELY(rkc__cell_find(a, &c))) {
    /* (8 bytes inside one word: aligned) */
    uint64_t m = size == 8 ? (uint64_t)0xFF << 48 : (uint64_t)((0xFFu >> (8 - size)) << (a & 7)) << 48;
    /* Same epoch, bytes covered, and the record at least as strict
       (plain, or this access atomic): FastTrack's "same epoch" return.
       Only this thread writes records of its current epoch, and an
       out-of-line (expanded) cell keeps its hot write zero and its hot
       read a copy of one of its read entries. */
    if (rkc__cell_same_epoch(t, c, m, flags))
      return;
    /* The rest out of line (a tail call): the fast path above then saves
       only the few registers it uses itself. */
    if (flags == 0 && size == 8)
      rkc__miss_read8(t, c, a, pc);
    else if (flags == 0 && size >= 4)
      rkc__miss_read(t, c, a, m, pc);
    else if (flags == 0)
      rkc__miss_read1(t, c, a, m, pc);
    else if (flags == RKC_ACC_WRITE && size == 8)
      rkc__miss_write8(t, c, a, pc);
    else if (flags == RKC_ACC_WRITE && size >= 4)
      rkc__miss_write(t, c, a, m, pc);
    else if (flags == RKC_ACC_WRITE)
      rkc__miss_write1(t, c, a, m, pc);
    else
      rkc__miss_any(t, c, a, m, flags, pc);
    return;
  }
  rkc__access_slow(t, a, size, flags, pc, true);
}

/* Two whole words at a 16-aligned address (vectorized loops): one
   page-table walk. */
RKC_INLINE void rkc__access16(rkc__thr *t, uintptr_t a, int flags, uintptr_t pc) {
  rkc__cell *c;
  const uint64_t m = (uint64_t)0xFF << 48;
  if (RKC_LIKELY(rkc__cell_find(a, &c))) {
    bool lo = rkc__cell_same_epoch(t, c, m, flags);
    bool hi = rkc__cell_same_epoch(t, c + 1, m, flags);
    if (RKC_LIKELY(lo && hi))
      return;
    if (!lo && !hi && rkc__own_ok(t, c, m, flags) && rkc__own_ok(t, c + 1, m, flags)) {
      /* both words (a vectorized loop after a release): one stack id */
      rkc__rt_enter(t);
      uint32_t stk;
      uint64_t sidx = rkc__stk_sidx(t, c, pc, &stk); /* c + 1: the same leaf */
      lo = rkc__own_locked(t, c, m, flags, stk, sidx);
      hi = rkc__own_locked(t, c + 1, m, flags, stk, sidx);
      rkc__rt_leave(t);
    }
    if (!lo && !rkc__access_own(t, c, m, flags, pc))
      rkc__access_slow(t, a, 8, flags, pc, true);
    if (!hi && !rkc__access_own(t, c + 1, m, flags, pc))
      rkc__access_slow(t, a + 8, 8, flags, pc, true);
    return;
  }
  rkc__access_slow(t, a, 8, flags, pc, true);
  rkc__access_slow(t, a + 8, 8, flags, pc, true);
}

/* Any access: splits at word boundaries. */
RKC_HIDDEN void rkc__access_range(rkc__thr *t, uintptr_t a, size_t size, int flags, uintptr_t pc);
/* The memory [a, a+size) is new: forget every access, free ext cells and
   remove sync objects in it (freed heap blocks, dead stacks, munmap). */
RKC_HIDDEN void rkc__shadow_clear(uintptr_t a, size_t size);
/* t's deferred records (shadow.c, ext_deferred) written into their
   blocks; t makes no access after this. */
RKC_HIDDEN void rkc__shadow_flush_deferred(rkc__thr *t);
/* Mark the word of a as holding a sync object (removed on clear). */
RKC_HIDDEN void rkc__shadow_mark_sync(uintptr_t a);
/* Count of words newly marked as holding sync objects; incremented with
   release after the mark is visible (rkc__shadow_mark_sync). An atomic
   operation that saw no mark and reads the same count afterwards knows no
   sync object appeared meanwhile (sync.c). */
extern atomic_uint rkc__sync_marks;
/* Does the word of a hold sync objects? */
RKC_INLINE bool rkc__shadow_has_sync(uintptr_t a) {
  rkc__cell *c = rkc__cell_lookup(a);
  return c && (atomic_load_explicit(&c->w, memory_order_relaxed) & RKC_W_SYNC);
}
RKC_HIDDEN void rkc__shadow_fork_lock(void);
RKC_HIDDEN void rkc__shadow_fork_unlock(void);
/* In a fork child (only the forking thread, which held no cell's lock):
   unlock every cell some thread that is gone held locked at the fork, in
   the middle of an update, so that the child's accesses to it do not
   wait forever. The update's stores made so far stay (a record of an
   access made before the fork, or not yet). */
RKC_HIDDEN void rkc__shadow_after_fork_child(void);
/* Shadow bytes mapped (leaves), for tests and statistics. */
RKC_HIDDEN size_t rkc__shadow_mapped(void);

#endif /* RACEKIT_INSTRUMENTATION_SHADOW_H */
