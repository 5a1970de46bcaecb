/* SPDX-License-Identifier: MIT */
/* The fiber API of sanitizer/tsan_interface.h (each racekit goroutine is a
 * fiber: its own logical thread even on a pooled OS thread), racekit's
 * event hook (goroutine ids, creation sites, the sync event log of
 * events.c) and the test-only barrier the checker does not see.
 */
#define _GNU_SOURCE
#include "events.h"
#include "runtime.h"

#include "racekit/racekit.h"

RKC_EXPORT void *__tsan_get_current_fiber(void) { return rkc__get_thr(); }

RKC_EXPORT void *__tsan_create_fiber(unsigned flags) {
  (void)flags;
  rkc__thr *t = rkc__get_thr();
  if (!t)
    return NULL;
  rkc__rt_enter(t);
  uint32_t stk = rkc__user_site(t, (uintptr_t)__builtin_return_address(0));
  /* HB: the creator's past happens before the fiber (thread.c). */
  rkc__thr *f = rkc__thr_new(t, RKC_THREAD_FIBER, stk);
  f->fiber = true;
  t->last_fiber = f;
  rkc__rt_leave(t);
  return f;
}

RKC_EXPORT void __tsan_destroy_fiber(void *fiber) {
  rkc__thr *f = fiber;
  rkc__thr *t = rkc__get_thr();
  if (!f || f == t)
    return;
  if (t) {
    rkc__rt_enter(t);
    if (t->last_fiber == f)
      t->last_fiber = NULL;
  }
  rkc__thr_finish(f);
  rkc__thr_detach(f); /* frees it */
  if (t)
    rkc__rt_leave(t);
}

RKC_EXPORT void __tsan_switch_to_fiber(void *fiber, unsigned flags) {
  rkc__thr *f = fiber;
  rkc__thr *t = rkc__get_thr();
  if (!f || !t || f == t)
    return;
  rkc__rt_enter(t);
  if (!(flags & 1)) {
    rkc__vc_join(&f->vc, &t->vc); /* HB release/acquire: the switch itself */
    rkc__thr_tick(t);
  }
  /* Below this frame the stack is dead: the next fiber on this OS thread
     reuses it, so its old accesses belong to nobody. */
  int here;
  rkc__clear_dead_stack((uintptr_t)&here);
  rkc__rt_leave(t);
  rkc__cur = f;
}

RKC_EXPORT void __tsan_set_fiber_name(void *fiber, const char *name) {
  (void)fiber;
  (void)name;
}

RKC_EXPORT void __racekit_event(const rk_event *ev) {
  rkc__thr *t = rkc__get_thr();
  if (!t || !ev)
    return;
  rkc__rt_enter(t);
  if (t->desc->kind == RKC_THREAD_MAIN && t->desc->goid == 0)
    rkc__thr_set_goroutine(t, 1, -1, 0); /* a racekit program: main is goroutine 1 */
  if (ev->kind == RK_EV_GO) {
    if (t->last_fiber) {
      rkc__thr_set_goroutine(t->last_fiber, (long)ev->seq, -1, 0);
      t->last_fiber = NULL;
    }
  } else if (ev->kind == RK_EV_GO_START) {
    if (t->desc->goid == 0 && t->desc->kind != RKC_THREAD_MAIN)
      rkc__thr_set_goroutine(t, ev->goid > 0 ? ev->goid : (long)ev->seq, -1, 0);
  }
  rkc__events_record(t, ev); /* for the `sync` list of later reports */
  rkc__rt_leave(t);
}

/* An invisible barrier for tests (tsan's test.h): bits 0-31 arrivals,
   32-47 phase, 48-63 count. Plain atomics of the runtime: no edge. */
RKC_EXPORT void __tsan_testonly_barrier_init(uint64_t *barrier, unsigned count) {
  __atomic_store_n(barrier, (uint64_t)(count & 0xFFFF) << 48, __ATOMIC_RELEASE);
}

RKC_EXPORT void __tsan_testonly_barrier_wait(uint64_t *barrier) {
  uint64_t v = __atomic_fetch_add(barrier, 1, __ATOMIC_ACQ_REL);
  uint64_t count = v >> 48, phase = (v >> 32) & 0xFFFF;
  if ((uint32_t)v + 1 == count) {
    __atomic_store_n(barrier, count << 48 | ((phase + 1) & 0xFFFF) << 32, __ATOMIC_RELEASE);
    return;
  }
  for (unsigned i = 0; ((__atomic_load_n(barrier, __ATOMIC_ACQUIRE) >> 32) & 0xFFFF) == phase; i++)
    rkc__backoff(i);
}
