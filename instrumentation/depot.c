/* SPDX-License-Identifier: MIT */
/* Stack depot (see depot.h).
 * DESIGN: nodes live in chunks of 64Ki indexed by id and are immutable
 * once published; a bucket head or a node's next link is published with a
 * release store after the node is filled, and readers follow links with
 * acquire loads, so lookups take no lock. Inserts are serialized by
 * depot_lock (they are rare: once per distinct call path).
 */
#include "depot.h"

enum { CHUNK_SHIFT = 16, CHUNK_NODES = 1 << CHUNK_SHIFT, NCHUNKS = 1 << 16, NBUCKETS = 1 << 20 };

typedef struct node {
  uintptr_t pc;
  uint32_t parent;
  _Atomic uint32_t next; /* atomic: release on publish, acquire on walk */
} node;

static _Atomic(node *) chunks[NCHUNKS]; /* atomic: release on publish */
static _Atomic uint32_t heads[NBUCKETS]; /* atomic: release on publish */
static rkc__spin depot_lock;
static uint32_t nnodes = 1; /* guarded by depot_lock; id 0 is the root */

static inline node *node_at(uint32_t id) {
  node *c = atomic_load_explicit(&chunks[id >> CHUNK_SHIFT], memory_order_acquire);
  return &c[id & (CHUNK_NODES - 1)];
}

static inline uint32_t hash(uint32_t parent, uintptr_t pc) {
  uint64_t h = ((uint64_t)pc * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)parent * 0xC2B2AE3D27D4EB4Full);
  return (uint32_t)(h >> 40) & (NBUCKETS - 1);
}

static uint32_t find(uint32_t b, uint32_t parent, uintptr_t pc) {
  for (uint32_t id = atomic_load_explicit(&heads[b], memory_order_acquire); id;) {
    node *n = node_at(id);
    if (n->pc == pc && n->parent == parent)
      return id;
    id = atomic_load_explicit(&n->next, memory_order_acquire);
  }
  return 0;
}

uint32_t rkc__depot_child(uint32_t parent, uintptr_t pc) {
  uint32_t b = hash(parent, pc);
  uint32_t id = find(b, parent, pc);
  if (id)
    return id;
  rkc__spin_lock(&depot_lock);
  id = find(b, parent, pc);
  if (!id) {
    if (nnodes == UINT32_MAX) {
      rkc__spin_unlock(&depot_lock);
      return parent; /* depot full: truncate the stack rather than fail */
    }
    id = nnodes++;
    if (!atomic_load_explicit(&chunks[id >> CHUNK_SHIFT], memory_order_relaxed))
      /* HB release; pairs with the acquire in node_at(). */
      atomic_store_explicit(&chunks[id >> CHUNK_SHIFT], rkc__imap(sizeof(node) * CHUNK_NODES),
                            memory_order_release);
    node *n = node_at(id);
    n->pc = pc;
    n->parent = parent;
    atomic_store_explicit(&n->next, atomic_load_explicit(&heads[b], memory_order_relaxed),
                          memory_order_relaxed);
    /* HB release; pairs with the acquire loads in find(). */
    atomic_store_explicit(&heads[b], id, memory_order_release);
  }
  rkc__spin_unlock(&depot_lock);
  return id;
}

int rkc__depot_get(uint32_t id, uintptr_t *pcs, int max) {
  int n = 0;
  while (id && n < max) {
    node *nd = node_at(id);
    pcs[n++] = nd->pc;
    id = nd->parent;
  }
  return n;
}

void rkc__depot_fork_lock(void) { rkc__spin_lock(&depot_lock); }
void rkc__depot_fork_unlock(void) { rkc__spin_unlock(&depot_lock); }
