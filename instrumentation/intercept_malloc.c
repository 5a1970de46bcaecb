/* SPDX-License-Identifier: MIT */
/* Interceptors of the allocator: every block is recorded (size, thread,
 * allocation stack) for reports. free is a write of the whole block by the
 * freeing thread: checked (a free unordered with an access is a race) and
 * recorded, so a later unordered use of the freed block races with the
 * free. Freed memory is new memory: when malloc hands a block out, its
 * shadow is forgotten, so it never races with its previous life.
 * While dlsym resolves the real functions (it may call calloc), requests
 * are served from a static buffer that is never freed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "heap.h"
#include "runtime.h"

#define PC() ((uintptr_t)__builtin_return_address(0))

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_valloc)(size_t);
static void *(*real_pvalloc)(size_t);
static size_t (*real_malloc_usable_size)(void *);

static _Alignas(16) char boot[1 << 16];
static atomic_size_t boot_used; /* atomic: relaxed bump, the buffer is never reused */
static atomic_int resolving;    /* atomic: set by the thread running dlsym */

static bool is_boot(const void *p) { return (const char *)p >= boot && (const char *)p < boot + sizeof boot; }

static void *boot_alloc(size_t n) {
  n = (n + 15) & ~(size_t)15;
  size_t off = atomic_fetch_add_explicit(&boot_used, n, memory_order_relaxed);
  if (off + n > sizeof boot)
    return NULL;
  return boot + off; /* static storage: zero */
}

static void resolve(void) {
  atomic_store(&resolving, 1);
  real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
  real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
  real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
  real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
  real_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
  real_aligned_alloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
  real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
  real_valloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "valloc");
  real_pvalloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "pvalloc");
  real_malloc_usable_size = (size_t(*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
  atomic_store(&resolving, 0);
}

#define ENSURE(fallback)                                                                            \
  if (RKC_UNLIKELY(!real_free)) {                                                                   \
    if (atomic_load(&resolving))                                                                    \
      return fallback;                                                                              \
    resolve();                                                                                      \
  }

/* The program's thread, or NULL when the runtime itself allocates. */
RKC_INLINE rkc__thr *user_thr(void) {
  rkc__thr *t = rkc__cur;
  return t && !t->in_rt && !t->ignore ? t : NULL;
}

static void *on_alloc(void *p, size_t n, uintptr_t pc) {
  rkc__thr *t = user_thr();
  if (p && t) {
    rkc__rt_enter(t);
    rkc__shadow_clear((uintptr_t)p, real_malloc_usable_size(p));
    rkc__heap_add((uintptr_t)p, n, t->tid, rkc__here(t, pc));
    rkc__rt_leave(t);
  }
  return p;
}

/* The free of p: a write of the whole block by t. */
static void retire(rkc__thr *t, void *p, uintptr_t pc) {
  rkc__rt_enter(t);
  uint32_t stk = rkc__here(t, pc);
  size_t n = rkc__heap_remove((uintptr_t)p, t->tid, stk);
  if (n) {
    t->in_rt--; /* the check is the program's access */
    rkc__access_range(t, (uintptr_t)p, n, RKC_ACC_WRITE | RKC_ACC_FREE, pc);
    t->in_rt++;
  }
  rkc__rt_leave(t);
}

RKC_EXPORT void *malloc(size_t n) {
  ENSURE(boot_alloc(n));
  return on_alloc(real_malloc(n), n, PC());
}

RKC_EXPORT void *calloc(size_t k, size_t n) {
  ENSURE(boot_alloc(k * n));
  return on_alloc(real_calloc(k, n), k * n, PC());
}

RKC_EXPORT void free(void *p) {
  if (!p || is_boot(p))
    return;
  ENSURE();
  rkc__thr *t = user_thr();
  if (t)
    retire(t, p, PC());
  real_free(p);
}

RKC_EXPORT void cfree(void *p) { free(p); }

RKC_EXPORT void *realloc(void *p, size_t n) {
  ENSURE(boot_alloc(n));
  if (is_boot(p)) {
    void *q = malloc(n);
    if (q)
      rkc__bcopy(q, p, n < (size_t)(boot + sizeof boot - (char *)p) ? n : (size_t)(boot + sizeof boot - (char *)p));
    return q;
  }
  rkc__thr *t = user_thr();
  if (!t || !p)
    return on_alloc(real_realloc(p, n), n, PC());
  uintptr_t pc = PC();
  size_t old = real_malloc_usable_size(p);
  /* realloc reads the old block and frees it */
  retire(t, p, pc);
  void *q = real_realloc(p, n);
  if (!q) {
    if (n != 0)
      on_alloc(p, old, pc); /* failed: p stays valid (realloc(p, 0) freed it) */
    return NULL;
  }
  rkc__rt_enter(t);
  rkc__shadow_clear((uintptr_t)q, real_malloc_usable_size(q));
  rkc__heap_add((uintptr_t)q, n, t->tid, rkc__here(t, pc));
  rkc__rt_leave(t);
  /* The copied contents are written by this thread now. */
  rkc__access_range(t, (uintptr_t)q, old < n ? old : n, RKC_ACC_WRITE, pc);
  return q;
}

RKC_EXPORT void *reallocarray(void *p, size_t k, size_t n) {
  size_t total;
  if (__builtin_mul_overflow(k, n, &total))
    return NULL;
  return realloc(p, total);
}

RKC_EXPORT int posix_memalign(void **out, size_t align, size_t n) {
  ENSURE(-1);
  int r = real_posix_memalign(out, align, n);
  if (r == 0)
    on_alloc(*out, n, PC());
  return r;
}

RKC_EXPORT void *aligned_alloc(size_t align, size_t n) {
  ENSURE(NULL);
  return on_alloc(real_aligned_alloc(align, n), n, PC());
}

RKC_EXPORT void *memalign(size_t align, size_t n) {
  ENSURE(NULL);
  return on_alloc(real_memalign(align, n), n, PC());
}

RKC_EXPORT void *valloc(size_t n) {
  ENSURE(NULL);
  return on_alloc(real_valloc(n), n, PC());
}

RKC_EXPORT void *pvalloc(size_t n) {
  ENSURE(NULL);
  return on_alloc(real_pvalloc(n), n, PC());
}

RKC_EXPORT size_t malloc_usable_size(void *p) {
  if (!p || is_boot(p))
    return 0;
  ENSURE(0);
  return real_malloc_usable_size(p);
}
