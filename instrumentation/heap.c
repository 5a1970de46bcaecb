/* SPDX-License-Identifier: MIT */
/* Heap block map (see heap.h).
 * DESIGN: a hash table keyed by block start, one spin lock per bucket
 * guarding its chain. Blocks of 64 KiB or more are also on a list guarded
 * by big_lock, so report time finds the block of an interior address by
 * probing starts at 16-byte steps back to 64 KiB, then the big list.
 * Freed blocks go to one of RINGS rings (by freeing thread), each guarded
 * by its own lock, stamped with the time stamp counter so report time
 * takes the most recent free. Map nodes are recycled through a small
 * per-OS-thread cache (owner only, inside the runtime so no signal handler
 * interleaves), so malloc and free touch no shared allocator lock.
 */
#include "heap.h"

enum { NBUCKETS = 1 << 16, BIG = 64 << 10, RING = 4096, RINGS = 8, NCACHE = 64 };

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
typedef struct freed {
  rkc__block b;
  uint64_t when; /* time stamp counter at the free */
} freed;
static struct ring {
  rkc__spin lock;
  unsigned next;     /* guarded by lock */
  freed *e;          /* RING entries, mapped on first use; guarded by lock */
  char pad[64 - sizeof(rkc__spin) - sizeof(unsigned) - sizeof(freed *)];
} rings[RINGS] __attribute__((aligned(64)));

static RKC_TLS node *ncache;   /* owner only: free nodes, linked by next */
static RKC_TLS unsigned nncache;

static node *node_new(void) {
  node *n = ncache;
  if (n) {
    ncache = n->next;
    nncache--;
    return n;
  }
  return rkc__ialloc(sizeof *n);
}

static void node_del(node *n) {
  if (nncache < NCACHE) {
    n->next = ncache;
    ncache = n;
    nncache++;
  } else {
    rkc__ifree(n, sizeof *n);
  }
}

void rkc__heap_thread_exit(void) {
  while (ncache) {
    node *n = ncache;
    ncache = n->next;
    rkc__ifree(n, sizeof *n);
  }
  nncache = 0;
}

static inline struct bucket *bucket_of(uintptr_t a) {
  return &buckets[((uint64_t)a * 0x9E3779B97F4A7C15ull) >> 48];
}

void rkc__heap_add(uintptr_t start, size_t size, int tid, uint32_t stk) {
  node *n = node_new();
  n->b = (rkc__block){start, size, tid, stk, false, -1, 0};
  n->big_next = n->big_prev = NULL;
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
  struct ring *g = &rings[(unsigned)tid % RINGS];
  rkc__spin_lock(&g->lock);
  if (!g->e)
    g->e = rkc__imap(RING * sizeof(freed));
  freed *r = &g->e[g->next++ % RING];
  r->b = n->b;
  r->b.freed = true;
  r->b.free_tid = tid;
  r->b.free_stk = stk;
  r->when = __builtin_ia32_rdtsc();
  rkc__spin_unlock(&g->lock);
  node_del(n);
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
  uint64_t best = 0;
  for (unsigned i = 0; i < RINGS; i++) {
    struct ring *g = &rings[i];
    rkc__spin_lock(&g->lock);
    for (unsigned k = 1; g->e && k <= RING; k++) {
      freed *r = &g->e[(g->next - k) % RING];
      if (r->b.freed && a >= r->b.start && a < r->b.start + (r->b.size ? r->b.size : 1)) {
        if (!ok || r->when > best) {
          *out = r->b;
          best = r->when;
          ok = true;
        }
        break; /* the newest match of this ring */
      }
    }
    rkc__spin_unlock(&g->lock);
  }
  return ok;
}

void rkc__heap_fork_lock(void) {
  for (unsigned i = 0; i < NBUCKETS; i++)
    rkc__spin_lock(&buckets[i].lock);
  rkc__spin_lock(&big_lock);
  for (unsigned i = 0; i < RINGS; i++)
    rkc__spin_lock(&rings[i].lock);
}

void rkc__heap_fork_unlock(void) {
  for (unsigned i = RINGS; i-- > 0;)
    rkc__spin_unlock(&rings[i].lock);
  rkc__spin_unlock(&big_lock);
  for (unsigned i = NBUCKETS; i-- > 0;)
    rkc__spin_unlock(&buckets[i].lock);
}
