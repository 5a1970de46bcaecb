/* SPDX-License-Identifier: MIT */
/* Private definitions shared by the checker's detection core: the logical
 * thread (rkc__thr), spin locks, the internal allocator, export macros.
 * Every symbol is hidden except what tsan_abi.c and intercept_*.c export.
 */
#ifndef RACEKIT_INSTRUMENTATION_RT_H
#define RACEKIT_INSTRUMENTATION_RT_H

#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

#define RKC_EXPORT __attribute__((visibility("default")))
#define RKC_LIKELY(x) __builtin_expect(!!(x), 1)
#define RKC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define RKC_INLINE static inline __attribute__((always_inline))
#define RKC_NOINLINE __attribute__((noinline))
#define RKC_TLS __thread __attribute__((tls_model("initial-exec")))

/* ------------------------------------------------------------ spin lock */

/* A test-and-set lock invisible to the checker (never a pthread mutex,
   which the core intercepts). Held only for short runtime slow paths. */
typedef struct rkc__spin {
  atomic_int v; /* atomic: acquire on lock, release on unlock */
} rkc__spin;

RKC_INLINE bool rkc__spin_trylock(rkc__spin *l) {
  return atomic_load_explicit(&l->v, memory_order_relaxed) == 0 &&
         atomic_exchange_explicit(&l->v, 1, memory_order_acquire) == 0;
}

/* The i-th wait for a lock held by another thread: spin, then yield. */
RKC_INLINE void rkc__backoff(unsigned i) {
  if (i < 64)
    __builtin_ia32_pause();
  else
    sched_yield();
}

RKC_INLINE void rkc__spin_lock(rkc__spin *l) {
  for (unsigned i = 0; !rkc__spin_trylock(l); i++)
    rkc__backoff(i);
}

/* A lock bit in a 64-bit word whose other bits hold data: sets it when
   clear (acquire) and returns the word as it was. */
RKC_INLINE uint64_t rkc__bit_lock(_Atomic uint64_t *p, uint64_t bit) {
  for (unsigned i = 0;; i++) {
    uint64_t v = atomic_load_explicit(p, memory_order_relaxed);
    if (!(v & bit) &&
        atomic_compare_exchange_weak_explicit(p, &v, v | bit, memory_order_acquire, memory_order_relaxed))
      return v;
    rkc__backoff(i);
  }
}

RKC_INLINE void rkc__spin_unlock(rkc__spin *l) {
  atomic_store_explicit(&l->v, 0, memory_order_release);
}

/* ------------------------------------------------------- internal memory */

/* Zeroed memory from mmap-backed size classes; never goes through malloc.
   The caller passes the size back to rkc__ifree. Thread-safe. Aborts the
   process with a message when the system is out of memory. */
RKC_HIDDEN void *rkc__ialloc(size_t size);
RKC_HIDDEN void rkc__ifree(void *p, size_t size);
/* Large zeroed mapping (MAP_NORESERVE); pages cost only when touched. */
RKC_HIDDEN void *rkc__imap(size_t size);
RKC_HIDDEN void rkc__iunmap(void *p, size_t size);
/* Lock/unlock every allocator lock (around fork). */
RKC_HIDDEN void rkc__ialloc_fork_lock(void);
RKC_HIDDEN void rkc__ialloc_fork_unlock(void);
RKC_HIDDEN void rkc__ialloc_init(void); /* resolves libc's memset/memcpy */
RKC_HIDDEN _Noreturn void rkc__die(const char *msg);

/* Plain byte copies that never reach the intercepted string functions. */
RKC_HIDDEN void rkc__bzero(void *p, size_t n);
RKC_HIDDEN void rkc__bcopy(void *dst, const void *src, size_t n);

#endif /* RACEKIT_INSTRUMENTATION_RT_H */
