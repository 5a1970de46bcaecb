/* SPDX-License-Identifier: MIT */
/* Interceptors of the string and memory functions the compiler does not
 * instrument (clang calls memcpy/memset/memmove for struct copies and
 * initialization): each checks its reads and writes as range accesses of
 * the calling thread, then calls libc's function.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

#include "runtime.h"

#define PC() ((uintptr_t)__builtin_return_address(0))

RKC_INLINE rkc__thr *user_thr(void) {
  rkc__thr *t = rkc__cur;
  return t && !t->in_rt ? t : NULL;
}

RKC_INLINE void rd(rkc__thr *t, const void *p, size_t n, uintptr_t pc) {
  if (n)
    rkc__access_range(t, (uintptr_t)p, n, 0, pc);
}
RKC_INLINE void wr(rkc__thr *t, const void *p, size_t n, uintptr_t pc) {
  if (n)
    rkc__access_range(t, (uintptr_t)p, n, RKC_ACC_WRITE, pc);
}

/* The real function, resolved on first use. dlsym never calls these
   three, but until resolved they fall back to byte loops (volatile, so
   the compiler does not turn them back into calls to themselves). */
#define LAZY(type, name)                                                                           \
  static __typeof__((type)0) real_##name;                                                                       \
  static __typeof__((type)0) get_##name(void) {                                                                \
    if (RKC_UNLIKELY(!real_##name))                                                                \
      real_##name = (type)rkc__real(#name);                                                        \
    return real_##name;                                                                            \
  }

static void *(*real_memcpy)(void *, const void *, size_t);
static void *(*real_memmove)(void *, const void *, size_t);
static void *(*real_memset)(void *, int, size_t);
static atomic_int mem_resolving;

static bool mem_ready(void) {
  if (RKC_LIKELY(real_memset != NULL))
    return true;
  if (atomic_exchange(&mem_resolving, 1))
    return false;
  real_memcpy = (void *(*)(void *, const void *, size_t))dlsym(RTLD_NEXT, "memcpy");
  real_memmove = (void *(*)(void *, const void *, size_t))dlsym(RTLD_NEXT, "memmove");
  real_memset = (void *(*)(void *, int, size_t))dlsym(RTLD_NEXT, "memset");
  return real_memset != NULL;
}

RKC_EXPORT void *memcpy(void *d, const void *s, size_t n) {
  rkc__thr *t = user_thr();
  if (t) {
    rd(t, s, n, PC());
    wr(t, d, n, PC());
  }
  if (RKC_UNLIKELY(!mem_ready())) {
    volatile char *dd = d;
    const volatile char *ss = s;
    for (size_t i = 0; i < n; i++)
      dd[i] = ss[i];
    return d;
  }
  return real_memcpy(d, s, n);
}

RKC_EXPORT void *memmove(void *d, const void *s, size_t n) {
  rkc__thr *t = user_thr();
  if (t) {
    rd(t, s, n, PC());
    wr(t, d, n, PC());
  }
  if (RKC_UNLIKELY(!mem_ready())) {
    volatile char *dd = d;
    const volatile char *ss = s;
    if (dd < ss)
      for (size_t i = 0; i < n; i++)
        dd[i] = ss[i];
    else
      for (size_t i = n; i-- > 0;)
        dd[i] = ss[i];
    return d;
  }
  return real_memmove(d, s, n);
}

RKC_EXPORT void *memset(void *d, int c, size_t n) {
  rkc__thr *t = user_thr();
  if (t)
    wr(t, d, n, PC());
  if (RKC_UNLIKELY(!mem_ready())) {
    volatile char *dd = d;
    for (size_t i = 0; i < n; i++)
      dd[i] = (char)c;
    return d;
  }
  return real_memset(d, c, n);
}

RKC_EXPORT void *__memcpy_chk(void *d, const void *s, size_t n, size_t dn) {
  (void)dn;
  return memcpy(d, s, n);
}
RKC_EXPORT void *__memmove_chk(void *d, const void *s, size_t n, size_t dn) {
  (void)dn;
  return memmove(d, s, n);
}
RKC_EXPORT void *__memset_chk(void *d, int c, size_t n, size_t dn) {
  (void)dn;
  return memset(d, c, n);
}

LAZY(size_t (*)(const char *), strlen)
LAZY(size_t (*)(const char *, size_t), strnlen)
LAZY(char *(*)(char *, const char *), strcpy)
LAZY(char *(*)(char *, const char *, size_t), strncpy)
LAZY(char *(*)(char *, const char *), strcat)
LAZY(char *(*)(char *, const char *, size_t), strncat)
LAZY(int (*)(const char *, const char *), strcmp)
LAZY(int (*)(const char *, const char *, size_t), strncmp)
LAZY(char *(*)(const char *, int), strchr)
LAZY(char *(*)(const char *, int), strrchr)
LAZY(int (*)(const void *, const void *, size_t), memcmp)
LAZY(int (*)(const void *, const void *, size_t), bcmp)
LAZY(int (*)(const void *, const void *, size_t), __memcmpeq)
LAZY(void *(*)(const void *, int, size_t), memchr)
LAZY(char *(*)(const char *), strdup)
LAZY(char *(*)(const char *, size_t), strndup)
LAZY(char *(*)(const char *, const char *), strstr)

RKC_EXPORT size_t strlen(const char *s) {
  size_t n = get_strlen()(s);
  rkc__thr *t = user_thr();
  if (t)
    rd(t, s, n + 1, PC());
  return n;
}

RKC_EXPORT size_t strnlen(const char *s, size_t max) {
  size_t n = get_strnlen()(s, max);
  rkc__thr *t = user_thr();
  if (t)
    rd(t, s, n < max ? n + 1 : n, PC());
  return n;
}

RKC_EXPORT char *strcpy(char *d, const char *s) {
  rkc__thr *t = user_thr();
  if (t) {
    size_t n = get_strlen()(s) + 1;
    rd(t, s, n, PC());
    wr(t, d, n, PC());
  }
  return get_strcpy()(d, s);
}

RKC_EXPORT char *strncpy(char *d, const char *s, size_t max) {
  rkc__thr *t = user_thr();
  if (t) {
    size_t n = get_strnlen()(s, max);
    rd(t, s, n < max ? n + 1 : n, PC());
    wr(t, d, max, PC());
  }
  return get_strncpy()(d, s, max);
}

RKC_EXPORT char *strcat(char *d, const char *s) {
  rkc__thr *t = user_thr();
  if (t) {
    size_t dl = get_strlen()(d), sl = get_strlen()(s);
    rd(t, d, dl + 1, PC());
    rd(t, s, sl + 1, PC());
    wr(t, d + dl, sl + 1, PC());
  }
  return get_strcat()(d, s);
}

RKC_EXPORT char *strncat(char *d, const char *s, size_t max) {
  rkc__thr *t = user_thr();
  if (t) {
    size_t dl = get_strlen()(d), sl = get_strnlen()(s, max);
    rd(t, d, dl + 1, PC());
    rd(t, s, sl < max ? sl + 1 : sl, PC());
    wr(t, d + dl, sl + 1, PC());
  }
  return get_strncat()(d, s, max);
}

/* Comparisons read up to and including the first difference. */
RKC_EXPORT int strcmp(const char *a, const char *b) {
  rkc__thr *t = user_thr();
  if (t) {
    const volatile char *x = a, *y = b; /* volatile: never turned into a call */
    size_t i = 0;
    while (x[i] && x[i] == y[i])
      i++;
    rd(t, a, i + 1, PC());
    rd(t, b, i + 1, PC());
  }
  return get_strcmp()(a, b);
}

RKC_EXPORT int strncmp(const char *a, const char *b, size_t n) {
  rkc__thr *t = user_thr();
  if (t) {
    const volatile char *x = a, *y = b;
    size_t i = 0;
    while (i < n && x[i] && x[i] == y[i])
      i++;
    size_t k = i < n ? i + 1 : n;
    rd(t, a, k, PC());
    rd(t, b, k, PC());
  }
  return get_strncmp()(a, b, n);
}

/* The reads of memcmp and of the equality tests the compilers call for
   memcmp(...) == 0: clang's bcmp, glibc's __memcmpeq. */
static void mem_cmp_reads(const void *a, const void *b, size_t n, uintptr_t pc) {
  rkc__thr *t = user_thr();
  if (t) {
    const volatile unsigned char *x = a, *y = b;
    size_t i = 0;
    while (i < n && x[i] == y[i])
      i++;
    size_t k = i < n ? i + 1 : n;
    rd(t, a, k, pc);
    rd(t, b, k, pc);
  }
}

RKC_EXPORT int memcmp(const void *a, const void *b, size_t n) {
  mem_cmp_reads(a, b, n, PC());
  return get_memcmp()(a, b, n);
}

RKC_EXPORT int bcmp(const void *a, const void *b, size_t n) {
  mem_cmp_reads(a, b, n, PC());
  return get_bcmp()(a, b, n);
}

RKC_EXPORT int __memcmpeq(const void *a, const void *b, size_t n) {
  mem_cmp_reads(a, b, n, PC());
  return get___memcmpeq()(a, b, n);
}

RKC_EXPORT char *strchr(const char *s, int c) {
  char *r = get_strchr()(s, c);
  rkc__thr *t = user_thr();
  if (t)
    rd(t, s, r ? (size_t)(r - s) + 1 : get_strlen()(s) + 1, PC());
  return r;
}

RKC_EXPORT char *strrchr(const char *s, int c) {
  char *r = get_strrchr()(s, c);
  rkc__thr *t = user_thr();
  if (t)
    rd(t, s, get_strlen()(s) + 1, PC());
  return r;
}

RKC_EXPORT void *memchr(const void *s, int c, size_t n) {
  void *r = get_memchr()(s, c, n);
  rkc__thr *t = user_thr();
  if (t)
    rd(t, s, r ? (size_t)((const char *)r - (const char *)s) + 1 : n, PC());
  return r;
}

RKC_EXPORT char *strstr(const char *h, const char *n) {
  char *r = get_strstr()(h, n);
  rkc__thr *t = user_thr();
  if (t) {
    size_t nl = get_strlen()(n);
    rd(t, n, nl + 1, PC());
    rd(t, h, r ? (size_t)(r - h) + nl : get_strlen()(h) + 1, PC());
  }
  return r;
}

RKC_EXPORT char *strdup(const char *s) {
  rkc__thr *t = user_thr();
  if (t)
    rd(t, s, get_strlen()(s) + 1, PC());
  return get_strdup()(s);
}

RKC_EXPORT char *strndup(const char *s, size_t max) {
  rkc__thr *t = user_thr();
  if (t) {
    size_t n = get_strnlen()(s, max);
    rd(t, s, n < max ? n + 1 : n, PC());
  }
  return get_strndup()(s, max);
}
