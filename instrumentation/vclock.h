/* SPDX-License-Identifier: MIT */
/* Vector clocks: one 32-bit logical clock per thread slot. A slot is a
 * column reused by successive threads (thread.c), its clock monotonic
 * across generations. Entries past n are zero.
 */
#ifndef RACEKIT_INSTRUMENTATION_VCLOCK_H
#define RACEKIT_INSTRUMENTATION_VCLOCK_H

#include "rt.h"

typedef struct rkc__vc {
  uint32_t n;   /* entries in use: c[0..n) */
  uint32_t cap; /* entries c has room for; RKC_VC_BORROWED: storage lent by the owner */
  uint32_t *c;  /* rkc__ialloc'd, or lent (rkc__vc_lend) */
} rkc__vc;
#define RKC_VC_BORROWED 0x80000000u

/* Start v (empty) on the owner's storage buf of cap entries (a clock kept
   beside what it belongs to: one cache line less); it moves to its own
   allocation when it outgrows it. */
RKC_INLINE void rkc__vc_lend(rkc__vc *v, uint32_t *buf, uint32_t cap) {
  v->n = 0;
  v->cap = cap | RKC_VC_BORROWED;
  v->c = buf;
}

RKC_INLINE uint32_t rkc__vc_get(const rkc__vc *v, uint32_t slot) {
  return slot < v->n ? v->c[slot] : 0;
}
/* Make room for slot, then set it. */
RKC_HIDDEN void rkc__vc_set(rkc__vc *v, uint32_t slot, uint32_t clock);
/* dst = max(dst, src) elementwise. Returns true if dst changed. */
RKC_HIDDEN bool rkc__vc_join(rkc__vc *dst, const rkc__vc *src);
/* dst = src. */
RKC_HIDDEN void rkc__vc_copy(rkc__vc *dst, const rkc__vc *src);
/* All entries to zero (keeps the storage). */
RKC_HIDDEN void rkc__vc_clear(rkc__vc *v);
/* Give the storage back. */
RKC_HIDDEN void rkc__vc_free(rkc__vc *v);
/* a <= b elementwise (a happens before or equals b). */
RKC_HIDDEN bool rkc__vc_leq(const rkc__vc *a, const rkc__vc *b);

#endif /* RACEKIT_INSTRUMENTATION_VCLOCK_H */
