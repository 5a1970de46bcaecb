/* SPDX-License-Identifier: MIT */
/* Start-up and exit of the checker: options first, then the main thread,
 * the signal wrappers and the exit hook; adoption of OS threads the
 * checker did not see being created.
 */
#define _GNU_SOURCE
#include "runtime.h"

#include "heap.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

atomic_int rkc__inited;
RKC_TLS uintptr_t rkc__os_stk_lo, rkc__os_stk_hi;
static RKC_TLS bool os_thread_done;

void *rkc__real(const char *name) {
  void *p = dlsym(RTLD_NEXT, name);
  if (!p)
    rkc__die("cannot find a libc function the checker intercepts");
  return p;
}

void rkc__os_stack(uintptr_t *lo, uintptr_t *hi) {
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  *lo = *hi = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
      *lo = (uintptr_t)addr;
      *hi = (uintptr_t)addr + size;
    }
    pthread_attr_destroy(&attr);
  }
}

void rkc__clear_dead_stack(uintptr_t sp) {
  enum { WINDOW = 256 << 10 };
  if (!rkc__os_stk_hi || sp <= rkc__os_stk_lo || sp > rkc__os_stk_hi)
    return; /* not on this thread's own stack (a fiber with its own stack) */
  uintptr_t lo = sp - rkc__os_stk_lo > WINDOW ? sp - WINDOW : rkc__os_stk_lo;
  rkc__shadow_clear(lo, sp - lo);
}

uint32_t rkc__user_site(rkc__thr *t, uintptr_t pc) {
  if (t->depth > 0 && t->depth <= RKC_SSTACK_CAP) {
    void *bt[48];
    int n = backtrace(bt, 48);
    uintptr_t top = t->spcs[t->depth - 1];
    for (int i = 1; i < n; i++)
      if ((uintptr_t)bt[i] == top)
        return rkc__thr_stack_id(t, (uintptr_t)bt[i - 1]);
  }
  return rkc__thr_stack_id(t, pc);
}

/* Describe the calling OS thread in t's descriptor. */
static void describe_os_thread(rkc__thr *t) {
  rkc__os_stack(&rkc__os_stk_lo, &rkc__os_stk_hi);
  t->desc->stk_lo = rkc__os_stk_lo;
  t->desc->stk_hi = rkc__os_stk_hi;
  t->desc->os_tid = (int)gettid();
}

RKC_HIDDEN void rkc__pthread_init(void);

RKC_HIDDEN void rkc__thread_started(rkc__thr *t);
void rkc__thread_started(rkc__thr *t) {
  rkc__cur = t;
  rkc__rt_enter(t);
  describe_os_thread(t);
  /* The stack may be a reused one (glibc caches the stacks of finished
     threads): forget its previous owner's accesses. The whole block, not
     only below this frame: glibc keeps the thread's static TLS and its
     descriptor at the top of it, and a new thread's __thread variables are
     new memory too. */
  if (rkc__os_stk_hi)
    rkc__shadow_clear(rkc__os_stk_lo, rkc__os_stk_hi - rkc__os_stk_lo);
  rkc__rt_leave(t);
}

RKC_HIDDEN void rkc__thread_exiting(rkc__thr *t);
void rkc__thread_exiting(rkc__thr *t) {
  rkc__rt_enter(t);
  int here;
  if (rkc__os_stk_hi)
    rkc__shadow_clear(rkc__os_stk_lo, (uintptr_t)&here - rkc__os_stk_lo);
  os_thread_done = true;
  rkc__cur = NULL;
  rkc__heap_thread_exit(); /* no free reaches the heap map from here on */
  rkc__thr_finish(t); /* t may be freed now (detached) */
}

rkc__thr *rkc__thr_slow(void) {
  if (atomic_load_explicit(&rkc__inited, memory_order_acquire) != 2 || os_thread_done)
    return NULL;
  /* An OS thread created behind the checker's back: a thread with no
     known creator. */
  rkc__thr *t = rkc__thr_new(NULL, RKC_THREAD_PTHREAD, 0);
  rkc__thread_started(t);
  return t;
}

static void at_exit(void) {
  rkc__thr *t = rkc__cur;
  if (t)
    t->in_rt++; /* from here on, interceptors pass through */
  int status = rkc_report_finish();
  if (status >= 0) {
    fflush(NULL);
    _exit(status);
  }
}

void rkc__init(void) {
  int expect = 0;
  if (!atomic_compare_exchange_strong(&rkc__inited, &expect, 1))
    return; /* done, or running on this thread (re-entered) */
  rkc__ialloc_init();
  rkc_options_init();
  rkc__race_init();
  rkc__thr *m = rkc__thr_main();
  rkc__cur = m;
  m->in_rt++;
  describe_os_thread(m);
  rkc__signal_init();
  rkc__pthread_init();
  atexit(at_exit);
  m->in_rt--;
  /* HB release; pairs with the acquire in rkc__thr_slow(). */
  atomic_store_explicit(&rkc__inited, 2, memory_order_release);
}

/* Before any constructor of the program (and before __tsan_init, which
   each instrumented translation unit calls from its constructor). */
__attribute__((section(".preinit_array"), used)) static void (*const rkc_preinit)(void) = rkc__init;
