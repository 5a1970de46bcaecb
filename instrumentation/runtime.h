/* SPDX-License-Identifier: MIT */
/* Glue of the linked runtime (not part of the pure core the unit tests
 * link): start-up, the current thread, interceptor helpers.
 */
#ifndef RACEKIT_INSTRUMENTATION_RUNTIME_H
#define RACEKIT_INSTRUMENTATION_RUNTIME_H

#include "shadow.h"

/* Start-up: options, main thread, atexit. Idempotent, called by
   __tsan_init and the first interceptor. */
RKC_HIDDEN void rkc__init(void);
extern atomic_int rkc__inited; /* atomic: 0 before, 1 during, 2 after rkc__init */

RKC_HIDDEN void rkc__race_init(void);
RKC_HIDDEN void rkc__signal_init(void);

/* The current logical thread, adopting an unknown OS thread (one not
   created through pthread_create, e.g. before start-up) on first use.
   NULL before start-up finished. */
RKC_HIDDEN rkc__thr *rkc__thr_slow(void);
RKC_INLINE rkc__thr *rkc__get_thr(void) {
  rkc__thr *t = rkc__cur;
  return RKC_LIKELY(t != NULL) ? t : rkc__thr_slow();
}

/* The stack id of the caller of an interceptor (pc = its return address). */
RKC_INLINE uint32_t rkc__here(rkc__thr *t, uintptr_t pc) { return rkc__thr_stack_id_fast(t, pc); }

/* The stack id of a creation site (pthread_create, a fiber) whose
   immediate caller pc may be inside an uninstrumented library (racekit's
   rk_go): unwinds to the innermost instrumented function's own return
   address (the top of the shadow stack) and takes the frame just inside
   it, the program's call into the library. Falls back to pc. */
RKC_HIDDEN uint32_t rkc__user_site(rkc__thr *t, uintptr_t pc);

/* Stack bounds of the calling OS thread (pthread_getattr_np). */
RKC_HIDDEN void rkc__os_stack(uintptr_t *lo, uintptr_t *hi);
/* Forget the shadow of the dead part of this OS thread's stack (below the
   caller's frame): a fiber switch or a new thread reuses it. */
RKC_HIDDEN void rkc__clear_dead_stack(uintptr_t sp);
extern RKC_TLS uintptr_t rkc__os_stk_lo, rkc__os_stk_hi;

/* Resolve the libc function `name` (dlsym RTLD_NEXT); dies if missing. */
RKC_HIDDEN void *rkc__real(const char *name);
#define RKC_REAL(type, name)                                                                      \
  static __typeof__((type)0) real_##name;                                                           \
  if (RKC_UNLIKELY(!real_##name))                                                                   \
  real_##name = (type)rkc__real(#name)

#endif /* RACEKIT_INSTRUMENTATION_RUNTIME_H */
