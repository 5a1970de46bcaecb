/* SPDX-License-Identifier: MIT */
/* Heap block map (see heap.h).
 * DESIGN: a hash table keyed by block start, one spin lock per bucket
 * guarding its chain. Blocks of 64 KiB or more are also on a list guarded
 * by big_lock, so report time finds the block of an interior address by
 * probing starts at 16-byte steps back to 64 KiB, then the big list.
 * Freed blocks go to a ring guarded by ring_lock.
 */
#include "heap.h"

enum { NBUCKETS = 1 << 16, BIG = 64 << 10, RING = 4096 };

typedef struct node {
  rkc__block b;
  struct node *next;     /* bucket chain */
  struct node *big_next; /* big list, guarded by big_lock */
  struct node *big_prev;
} node;

static struct bucket {
  rkc__spin lock;
  node *head; /* guarded by lock */
} buckets[NBUCKETS];
static rkc__spin big_lock;
static node *big; /* guarded by big_lock */
static rkc__spin ring_lock;
static rkc__block ring[RING]; /* guarded by ring_lock */
static unsigned ring_next;    /* guarded by ring_lock */

static inline struct bucket *bucket_of(uintptr_t a) {
  return &buckets[((uint64_t)a * 0x9E3779B97F4A7C15ull) >> 48];
}

void rkc__heap_add(uintptr_t start, size_t size, int tid, uint32_t stk) {
  node *n = rkc__ialloc(sizeof *n);
  n->b = (rkc__block){start, size, tid, stk, false, -1, 0};
  struct bucket *b = bucket_of(start);
  rkc__spin_lock(&b->lock);
  n->next = b->head;
  b->head = n;
  rkc__spin_unlock(&b->lock);
  if (size >= BIG) {
    rkc__spin_lock(&big_lock);
    n->big_next = big;
    if (big)
      big->big_prev = n;
    big = n;
    rkc__spin_unlock(&big_lock);
  }
}

size_t rkc__heap_remove(uintptr_t start, int tid, uint32_t stk) {
  struct bucket *b = bucket_of(start);
  node *n = NULL;
  rkc__spin_lock(&b->lock);
  for (node **p = &b->head; *p; p = &(*p)->next) {
    if ((*p)->b.start == start) {
      n = *p;
      *p = n->next;
      break;
    }
  }
  rkc__spin_unlock(&b->lock);
  if (!n)
    return 0;
  size_t size = n->b.size;
  if (size >= BIG) {
    rkc__spin_lock(&big_lock);
    if (n->big_prev)
      n->big_prev->big_next = n->big_next;
    else
      big = n->big_next;
    if (n->big_next)
      n->big_next->big_prev = n->big_prev;
    rkc__spin_unlock(&big_lock);
  }
  rkc__spin_lock(&ring_lock);
  rkc__block *r = &ring[ring_next++ % RING];
  *r = n->b;
  r->freed = true;
  r->free_tid = tid;
  r->free_stk = stk;
  rkc__spin_unlock(&ring_lock);
  rkc__ifree(n, sizeof *n);
  return size;
}

static bool lookup_start(uintptr_t s, uintptr_t a, rkc__block *out) {
  struct bucket *b = bucket_of(s);
  bool ok = false;
  rkc__spin_lock(&b->lock);
  for (node *n = b->head; n; n = n->next) {
    if (n->b.start == s && a < s + (n->b.size ? n->b.size : 1)) {
      *out = n->b;
      ok = true;
      break;
    }
  }
  rkc__spin_unlock(&b->lock);
  return ok;
}

bool rkc__heap_find(uintptr_t a, rkc__block *out) {
  uintptr_t s = a & ~(uintptr_t)15;
  for (unsigned i = 0; i < BIG / 16 && s <= a; i++, s -= 16) {
    if (lookup_start(s, a, out))
      return true;
    if (s < 16)
      break;
  }
  bool ok = false;
  rkc__spin_lock(&big_lock);
  for (node *n = big; n; n = n->big_next) {
    if (a >= n->b.start && a < n->b.start + n->b.size) {
      *out = n->b;
      ok = true;
      break;
    }
  }
  rkc__spin_unlock(&big_lock);
  if (ok)
    return true;
  rkc__spin_lock(&ring_lock);
  for (unsigned k = 1; k <= RING && !ok; k++) {
    rkc__block *r = &ring[(ring_next - k) % RING];
    if (r->freed && a >= r->start && a < r->start + (r->size ? r->size : 1)) {
      *out = *r;
      ok = true;
    }
  }
  rkc__spin_unlock(&ring_lock);
  return ok;
}

void rkc__heap_fork_lock(void) {
  for (unsigned i = 0; i < NBUCKETS; i++)
    rkc__spin_lock(&buckets[i].lock);
  rkc__spin_lock(&big_lock);
  rkc__spin_lock(&ring_lock);
}

void rkc__heap_fork_unlock(void) {
  rkc__spin_unlock(&ring_lock);
  rkc__spin_unlock(&big_lock);
  for (unsigned i = NBUCKETS; i-- > 0;)
    rkc__spin_unlock(&buckets[i].lock);
}
