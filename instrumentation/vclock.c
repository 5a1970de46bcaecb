/* SPDX-License-Identifier: MIT */
/* Vector clock operations. Not thread-safe: the owner (a thread for its own
 * clock, a sync object's lock for the object's clock) serializes them. */
#include "vclock.h"

/* Gives back v's storage if it is its own. */
static void release_storage(rkc__vc *v) {
  if (!(v->cap & RKC_VC_BORROWED))
    rkc__ifree(v->c, (size_t)v->cap * sizeof *v->c);
}

static void reserve(rkc__vc *v, uint32_t n) {
  const uint32_t have = v->cap & ~RKC_VC_BORROWED;
  if (n <= have)
    return;
  uint32_t cap = have ? have : 8;
  while (cap < n)
    cap *= 2;
  uint32_t *c = rkc__ialloc((size_t)cap * sizeof *c);
  if (v->n)
    rkc__bcopy(c, v->c, (size_t)v->n * sizeof *c);
  release_storage(v);
  v->c = c;
  v->cap = cap;
}

void rkc__vc_set(rkc__vc *v, uint32_t slot, uint32_t clock) {
  if (slot >= v->n) {
    reserve(v, slot + 1);
    for (uint32_t i = v->n; i < slot; i++)
      v->c[i] = 0;
    v->n = slot + 1;
  }
  v->c[slot] = clock;
}

bool rkc__vc_join(rkc__vc *dst, const rkc__vc *src) {
  bool changed = false;
  if (src->n > dst->n) {
    reserve(dst, src->n);
    for (uint32_t i = dst->n; i < src->n; i++)
      dst->c[i] = 0;
    dst->n = src->n;
  }
  uint32_t *d = dst->c;
  const uint32_t *s = src->c;
  for (uint32_t i = 0; i < src->n; i++) {
    if (s[i] > d[i]) {
      d[i] = s[i];
      changed = true;
    }
  }
  return changed;
}

void rkc__vc_copy(rkc__vc *dst, const rkc__vc *src) {
  reserve(dst, src->n);
  if (src->n)
    rkc__bcopy(dst->c, src->c, (size_t)src->n * sizeof *src->c);
  dst->n = src->n;
}

void rkc__vc_clear(rkc__vc *v) { v->n = 0; }

void rkc__vc_free(rkc__vc *v) {
  release_storage(v);
  v->c = NULL;
  v->n = v->cap = 0;
}

bool rkc__vc_leq(const rkc__vc *a, const rkc__vc *b) {
  for (uint32_t i = 0; i < a->n; i++)
    if (a->c[i] > rkc__vc_get(b, i))
      return false;
  return true;
}
