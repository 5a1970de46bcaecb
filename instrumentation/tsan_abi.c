/* SPDX-License-Identifier: MIT */
/* The instrumentation ABI that clang and gcc -fsanitize=thread emit, and
 * the public annotations of sanitizer/tsan_interface.h. Thin: every entry
 * forwards to shadow.c, sync.c or thread.c. The only file (with the
 * interceptors) whose symbols are exported.
 */
#include "runtime.h"
#include "sync.h"

#define PC() ((uintptr_t)__builtin_return_address(0))

RKC_INLINE void mop(uintptr_t a, unsigned n, int flags, uintptr_t pc) {
  rkc__thr *t = rkc__cur;
  if (RKC_UNLIKELY(!t))
    return; /* before start-up, or an OS thread not yet adopted */
  if (RKC_LIKELY((a & 7) + n <= 8)) {
    rkc__access1(t, a, n, flags, pc);
  } else if (n == 16 && (a & 15) == 0) {
    rkc__access16(t, a, flags, pc); /* vectorized loops */
  } else if (n == 16 && (a & 7) == 0) {
    rkc__access1(t, a, 8, flags, pc);
    rkc__access1(t, a + 8, 8, flags, pc);
  } else {
    rkc__access_range(t, a, n, flags, pc);
  }
}

RKC_EXPORT void __tsan_init(void) { rkc__init(); }

RKC_EXPORT void __tsan_func_entry(void *pc) {
  rkc__thr *t = rkc__cur;
  if (RKC_UNLIKELY(!t))
    return;
  int d = t->depth++;
  t->top = RKC_TOP_NONE; /* the new frame's node is computed when needed */
  /* unsigned: a thread adopted mid-call may exit more frames than it entered */
  if (RKC_LIKELY((unsigned)d < RKC_SSTACK_CAP))
    t->spcs[d] = (uintptr_t)pc;
}

RKC_EXPORT void __tsan_func_exit(void) {
  rkc__thr *t = rkc__cur;
  if (RKC_UNLIKELY(!t))
    return;
  int d = --t->depth;
  if (t->valid > d)
    t->valid = d < 0 ? 0 : d;
  rkc__thr_top_update(t);
}

#define RKC_MOPS(n)                                                                                \
  RKC_EXPORT void __tsan_read##n(void *a) { mop((uintptr_t)a, n, 0, PC()); }                      \
  RKC_EXPORT void __tsan_write##n(void *a) { mop((uintptr_t)a, n, RKC_ACC_WRITE, PC()); }         \
  RKC_EXPORT void __tsan_read##n##_pc(void *a, void *pc) { mop((uintptr_t)a, n, 0, (uintptr_t)pc); } \
  RKC_EXPORT void __tsan_write##n##_pc(void *a, void *pc) {                                        \
    mop((uintptr_t)a, n, RKC_ACC_WRITE, (uintptr_t)pc);                                            \
  }                                                                                                \
  RKC_EXPORT void __tsan_unaligned_read##n(void *a) { mop((uintptr_t)a, n, 0, PC()); }            \
  RKC_EXPORT void __tsan_unaligned_write##n(void *a) { mop((uintptr_t)a, n, RKC_ACC_WRITE, PC()); } \
  RKC_EXPORT void __tsan_volatile_read##n(void *a) { mop((uintptr_t)a, n, 0, PC()); }             \
  RKC_EXPORT void __tsan_volatile_write##n(void *a) { mop((uintptr_t)a, n, RKC_ACC_WRITE, PC()); } \
  RKC_EXPORT void __tsan_unaligned_volatile_read##n(void *a) { mop((uintptr_t)a, n, 0, PC()); }   \
  RKC_EXPORT void __tsan_unaligned_volatile_write##n(void *a) {                                    \
    mop((uintptr_t)a, n, RKC_ACC_WRITE, PC());                                                     \
  }                                                                                                \
  /* read-modify-write: the write check covers the read */                                       \
  RKC_EXPORT void __tsan_read_write##n(void *a) { mop((uintptr_t)a, n, RKC_ACC_WRITE, PC()); }    \
  RKC_EXPORT void __tsan_unaligned_read_write##n(void *a) {                                        \
    mop((uintptr_t)a, n, RKC_ACC_WRITE, PC());                                                     \
  }

RKC_MOPS(1)
RKC_MOPS(2)
RKC_MOPS(4)
RKC_MOPS(8)
RKC_MOPS(16)

RKC_INLINE void range(uintptr_t a, unsigned long n, int flags, uintptr_t pc) {
  rkc__thr *t = rkc__cur;
  if (RKC_LIKELY(t != NULL) && n)
    rkc__access_range(t, a, n, flags, pc);
}

RKC_EXPORT void __tsan_read_range(void *a, unsigned long n) { range((uintptr_t)a, n, 0, PC()); }
RKC_EXPORT void __tsan_write_range(void *a, unsigned long n) {
  range((uintptr_t)a, n, RKC_ACC_WRITE, PC());
}
RKC_EXPORT void __tsan_read_range_pc(void *a, unsigned long n, void *pc) {
  range((uintptr_t)a, n, 0, (uintptr_t)pc);
}
RKC_EXPORT void __tsan_write_range_pc(void *a, unsigned long n, void *pc) {
  range((uintptr_t)a, n, RKC_ACC_WRITE, (uintptr_t)pc);
}

/* C++ vtable pointer annotations: plain accesses for C. */
RKC_EXPORT void __tsan_vptr_read(void **p) { mop((uintptr_t)p, 8, 0, PC()); }
RKC_EXPORT void __tsan_vptr_update(void **p, void *v) {
  if (*p != v)
    mop((uintptr_t)p, 8, RKC_ACC_WRITE, PC());
}

/* ----------------------------------------------------------- atomics */

typedef unsigned char a8;
typedef unsigned short a16;
typedef unsigned int a32;
typedef unsigned long long a64;
typedef unsigned __int128 a128;

/* 128-bit operations: a striped lock table (no libatomic, no cmpxchg16b
   requirement); all instrumented 128-bit atomics go through it. */
static rkc__spin lock128[64];
static inline rkc__spin *l128(const volatile void *a) {
  return &lock128[((uintptr_t)a >> 4) & 63];
}

enum { K_LOAD, K_STORE, K_RMW };

/* The shadow access (atomic flag) and, around the real operation, the
   sync object's lock, so the value and the clock change together. */
#define ATOMIC_PRE(kind, sz, mo)                                                                   \
  rkc__thr *t = rkc__cur;                                                                          \
  rkc__atx x = {0};                                                                                \
  bool hooked = t && !t->ignore;                                                                   \
  if (hooked) {                                                                                    \
    mop((uintptr_t)a, sz, (kind) == K_LOAD ? RKC_ACC_ATOMIC : RKC_ACC_ATOMIC | RKC_ACC_WRITE, PC()); \
    rkc__rt_enter(t);                                                                              \
    rkc__atomic_begin(t, (uintptr_t)a, (kind) == K_LOAD ? RKC_AT_LOAD : (kind) == K_STORE ? RKC_AT_STORE : RKC_AT_RMW, mo, &x); \
  }
#define ATOMIC_POST(kind, mo)                                                                      \
  if (hooked) {                                                                                    \
    rkc__atomic_end(t, &x, mo);                                                                    \
    rkc__rt_leave(t);                                                                              \
  }

#define RKC_ATOMICS(bits, T)                                                                       \
  RKC_EXPORT T __tsan_atomic##bits##_load(const volatile T *a, int mo) {                           \
    ATOMIC_PRE(K_LOAD, bits / 8, mo)                                                               \
    T v = LOAD##bits(a);                                                                           \
    if (hooked) {                                                                                  \
      while (!rkc__atomic_end(t, &x, mo))                                                          \
        v = LOAD##bits(a); /* the sync object changed meanwhile */                                 \
      rkc__rt_leave(t);                                                                            \
    }                                                                                              \
    return v;                                                                                      \
  }                                                                                                \
  RKC_EXPORT void __tsan_atomic##bits##_store(volatile T *a, T v, int mo) {                        \
    ATOMIC_PRE(K_STORE, bits / 8, mo)                                                              \
    if (mo == RKC_MO_SEQ_CST)                                                                      \
      STORE##bits(a, v);                                                                           \
    else /* at least release: the sync word's mark (sync.c) is seen with the value */             \
      STORE_REL##bits(a, v);                                                                       \
    ATOMIC_POST(K_STORE, mo)                                                                       \
  }                                                                                                \
  RKC_ATOMIC_RMW(bits, T, exchange, XCHG)                                                          \
  RKC_ATOMIC_RMW(bits, T, fetch_add, ADD)                                                          \
  RKC_ATOMIC_RMW(bits, T, fetch_sub, SUB)                                                          \
  RKC_ATOMIC_RMW(bits, T, fetch_and, AND)                                                          \
  RKC_ATOMIC_RMW(bits, T, fetch_or, OR)                                                            \
  RKC_ATOMIC_RMW(bits, T, fetch_xor, XOR)                                                          \
  RKC_ATOMIC_RMW(bits, T, fetch_nand, NAND)                                                        \
  RKC_EXPORT int __tsan_atomic##bits##_compare_exchange_strong(volatile T *a, T *c, T v, int mo,   \
                                                               int fmo) {                          \
    return cas##bits(a, c, v, mo, fmo, PC());                                                      \
  }                                                                                                \
  RKC_EXPORT int __tsan_atomic##bits##_compare_exchange_weak(volatile T *a, T *c, T v, int mo,     \
                                                             int fmo) {                            \
    return cas##bits(a, c, v, mo, fmo, PC());                                                      \
  }                                                                                                \
  RKC_EXPORT T __tsan_atomic##bits##_compare_exchange_val(volatile T *a, T c, T v, int mo, int fmo) { \
    cas##bits(a, &c, v, mo, fmo, PC());                                                            \
    return c;                                                                                      \
  }

#define RKC_ATOMIC_RMW(bits, T, name, OP)                                                          \
  RKC_EXPORT T __tsan_atomic##bits##_##name(volatile T *a, T v, int mo) {                          \
    ATOMIC_PRE(K_RMW, bits / 8, mo)                                                                \
    T old = OP##bits(a, v);                                                                        \
    ATOMIC_POST(K_RMW, mo)                                                                         \
    return old;                                                                                    \
  }

#define SC __ATOMIC_SEQ_CST
#define NATIVE(bits)                                                                               \
  RKC_INLINE a##bits LOAD##bits(const volatile a##bits *a) { return __atomic_load_n(a, SC); }      \
  RKC_INLINE void STORE##bits(volatile a##bits *a, a##bits v) { __atomic_store_n(a, v, SC); }      \
  RKC_INLINE void STORE_REL##bits(volatile a##bits *a, a##bits v) {                                \
    __atomic_store_n(a, v, __ATOMIC_RELEASE);                                                      \
  }                                                                                                \
  RKC_INLINE a##bits XCHG##bits(volatile a##bits *a, a##bits v) { return __atomic_exchange_n(a, v, SC); } \
  RKC_INLINE a##bits ADD##bits(volatile a##bits *a, a##bits v) { return __atomic_fetch_add(a, v, SC); } \
  RKC_INLINE a##bits SUB##bits(volatile a##bits *a, a##bits v) { return __atomic_fetch_sub(a, v, SC); } \
  RKC_INLINE a##bits AND##bits(volatile a##bits *a, a##bits v) { return __atomic_fetch_and(a, v, SC); } \
  RKC_INLINE a##bits OR##bits(volatile a##bits *a, a##bits v) { return __atomic_fetch_or(a, v, SC); } \
  RKC_INLINE a##bits XOR##bits(volatile a##bits *a, a##bits v) { return __atomic_fetch_xor(a, v, SC); } \
  RKC_INLINE a##bits NAND##bits(volatile a##bits *a, a##bits v) { return __atomic_fetch_nand(a, v, SC); } \
  RKC_INLINE bool CAS##bits(volatile a##bits *a, a##bits *c, a##bits v) {                         \
    return __atomic_compare_exchange_n(a, c, v, false, SC, SC);                                    \
  }
NATIVE(8)
NATIVE(16)
NATIVE(32)
NATIVE(64)

#define LOCKED128(name, expr)                                                                      \
  RKC_INLINE a128 name##128(volatile a128 *a, a128 v) {                                            \
    rkc__spin *l = l128(a);                                                                        \
    rkc__spin_lock(l);                                                                             \
    a128 old = *a;                                                                                 \
    *a = (expr);                                                                                   \
    rkc__spin_unlock(l);                                                                           \
    return old;                                                                                    \
  }
LOCKED128(XCHG, v)
LOCKED128(ADD, old + v)
LOCKED128(SUB, old - v)
LOCKED128(AND, old &v)
LOCKED128(OR, old | v)
LOCKED128(XOR, old ^ v)
LOCKED128(NAND, ~(old & v))
RKC_INLINE a128 LOAD128(const volatile a128 *a) {
  rkc__spin *l = l128(a);
  rkc__spin_lock(l);
  a128 v = *a;
  rkc__spin_unlock(l);
  return v;
}
RKC_INLINE void STORE128(volatile a128 *a, a128 v) { XCHG128(a, v); }
RKC_INLINE void STORE_REL128(volatile a128 *a, a128 v) { XCHG128(a, v); }
RKC_INLINE bool CAS128(volatile a128 *a, a128 *c, a128 v) {
  rkc__spin *l = l128(a);
  rkc__spin_lock(l);
  a128 old = *a;
  bool ok = old == *c;
  if (ok)
    *a = v;
  else
    *c = old;
  rkc__spin_unlock(l);
  return ok;
}

#define CAS_FN(bits)                                                                               \
  static int cas##bits(volatile a##bits *a, a##bits *c, a##bits v, int mo, int fmo, uintptr_t pc) { \
    rkc__thr *t = rkc__cur;                                                                        \
    if (!t || t->ignore)                                                                           \
      return CAS##bits(a, c, v);                                                                   \
    rkc__atx x = {0};                                                                              \
    rkc__rt_enter(t);                                                                              \
    rkc__atomic_begin(t, (uintptr_t)a, RKC_AT_CAS, mo, &x);                                        \
    bool ok = CAS##bits(a, c, v);                                                                  \
    if (!ok)                                                                                       \
      x.kind = RKC_AT_LOAD; /* a failed CAS is a load with the failure order */                    \
    /* The access, once it is known to write, still under the sync          \
       object's lock: in the epoch of its release (rkc__atomic_end ticks)   \
       and before any thread that acquires the release accesses the word    \
       (a record made after that would see those accesses as unordered). */ \
    mop((uintptr_t)a, bits / 8, ok ? RKC_ACC_ATOMIC | RKC_ACC_WRITE : RKC_ACC_ATOMIC, pc);         \
    rkc__atomic_end(t, &x, ok ? mo : fmo);                                                         \
    rkc__rt_leave(t);                                                                              \
    return ok;                                                                                     \
  }
CAS_FN(8)
CAS_FN(16)
CAS_FN(32)
CAS_FN(64)
CAS_FN(128)

RKC_ATOMICS(8, a8)
RKC_ATOMICS(16, a16)
RKC_ATOMICS(32, a32)
RKC_ATOMICS(64, a64)
RKC_ATOMICS(128, a128)

RKC_EXPORT void __tsan_atomic_thread_fence(int mo) {
  rkc__thr *t = rkc__cur;
  if (t) {
    rkc__rt_enter(t);
    rkc__fence(t, mo);
    rkc__rt_leave(t);
  }
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

RKC_EXPORT void __tsan_atomic_signal_fence(int mo) {
  (void)mo;
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/* ------------------------------------------------------- annotations */

RKC_EXPORT void __tsan_acquire(void *addr) {
  rkc__thr *t = rkc__get_thr();
  if (!t)
    return;
  rkc__rt_enter(t);
  rkc__annotate_acquire(t, (uintptr_t)addr); /* HB acquire; pairs with __tsan_release */
  rkc__rt_leave(t);
}

RKC_EXPORT void __tsan_release(void *addr) {
  rkc__thr *t = rkc__get_thr();
  if (!t)
    return;
  rkc__rt_enter(t);
  rkc__annotate_release(t, (uintptr_t)addr); /* HB release; pairs with __tsan_acquire */
  rkc__rt_leave(t);
}

/* Flags of sanitizer/tsan_interface.h */
enum {
  MUTEX_READ_LOCK = 1 << 3,
  MUTEX_TRY_LOCK_FAILED = 1 << 5,
};

RKC_EXPORT void __tsan_mutex_create(void *addr, unsigned flags) {
  (void)flags;
  rkc__thr *t = rkc__get_thr();
  if (!t)
    return;
  rkc__rt_enter(t);
  rkc__sync_reset((uintptr_t)addr);
  rkc__rt_leave(t);
}

RKC_EXPORT void __tsan_mutex_destroy(void *addr, unsigned flags) { __tsan_mutex_create(addr, flags); }
RKC_EXPORT void __tsan_mutex_pre_lock(void *addr, unsigned flags) {
  (void)addr;
  (void)flags;
}

RKC_EXPORT void __tsan_mutex_post_lock(void *addr, unsigned flags, int recursion) {
  (void)recursion;
  rkc__thr *t = rkc__get_thr();
  if (!t || (flags & MUTEX_TRY_LOCK_FAILED))
    return;
  rkc__rt_enter(t);
  if (flags & MUTEX_READ_LOCK)
    rkc__rw_rdlock(t, (uintptr_t)addr); /* HB acquire; pairs with __tsan_mutex_pre_unlock */
  else
    rkc__rw_wrlock(t, (uintptr_t)addr);
  rkc__rt_leave(t);
}

RKC_EXPORT int __tsan_mutex_pre_unlock(void *addr, unsigned flags) {
  (void)flags;
  rkc__thr *t = rkc__get_thr();
  if (!t)
    return 0;
  rkc__rt_enter(t);
  rkc__rw_unlock(t, (uintptr_t)addr); /* HB release; pairs with __tsan_mutex_post_lock */
  rkc__rt_leave(t);
  return 0;
}

RKC_EXPORT void __tsan_mutex_post_unlock(void *addr, unsigned flags) {
  (void)addr;
  (void)flags;
}
RKC_EXPORT void __tsan_mutex_pre_signal(void *addr, unsigned flags) {
  (void)addr;
  (void)flags;
}
RKC_EXPORT void __tsan_mutex_post_signal(void *addr, unsigned flags) {
  (void)addr;
  (void)flags;
}
RKC_EXPORT void __tsan_mutex_pre_divert(void *addr, unsigned flags) {
  (void)addr;
  (void)flags;
}
RKC_EXPORT void __tsan_mutex_post_divert(void *addr, unsigned flags) {
  (void)addr;
  (void)flags;
}

RKC_EXPORT void __tsan_ignore_thread_begin(void) {
  rkc__thr *t = rkc__get_thr();
  if (t)
    t->ignore++;
}
RKC_EXPORT void __tsan_ignore_thread_end(void) {
  rkc__thr *t = rkc__get_thr();
  if (t && t->ignore > 0)
    t->ignore--;
}
RKC_EXPORT void __tsan_flush_memory(void) {}
