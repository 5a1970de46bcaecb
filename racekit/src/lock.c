/* SPDX-License-Identifier: MIT */
/* The internal futex lock and the few system primitives under it: futex
 * wait/wake, uninterceptable copies, the monotonic clock.
 *
 * DESIGN: rk__lock is Drepper's three-state futex mutex with a bounded spin
 * first. It is made of raw atomics and raw futex system calls, so no race
 * checker sees it: critical sections it protects add no happens-before
 * edge to the program (DESIGN.md §1). */
#define _GNU_SOURCE
#include "internal.h"

#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

bool rk__futex_wait(_Atomic uint32_t *addr, uint32_t val, int64_t abs_ns) {
  struct timespec ts, *tp = NULL;
  if (abs_ns >= 0) {
    ts.tv_sec = abs_ns / 1000000000;
    ts.tv_nsec = abs_ns % 1000000000;
    tp = &ts;
  }
  /* FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline. */
  long r = syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG,
                   val, tp, NULL, FUTEX_BITSET_MATCH_ANY);
  if (r == -1 && errno == ETIMEDOUT)
    return false;
  return true;
}

void rk__futex_wake(_Atomic uint32_t *addr, int n) {
  syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n, NULL, NULL, 0);
}

void rk__lock_slow(rk__lock *l) {
  for (int i = 0; i < 200; i++) {
    uint32_t v = atomic_load_explicit(&l->v, memory_order_relaxed);
    if (v == 0 && atomic_compare_exchange_weak_explicit(&l->v, &v, 1, memory_order_acquire,
                                                        memory_order_relaxed))
      return;
    rk__pause();
  }
  for (int i = 0; i < 3; i++) {
    sched_yield();
    uint32_t v = 0;
    if (atomic_compare_exchange_strong_explicit(&l->v, &v, 1, memory_order_acquire,
                                                memory_order_relaxed))
      return;
  }
  while (atomic_exchange_explicit(&l->v, 2, memory_order_acquire) != 0)
    rk__futex_wait(&l->v, 2, -1);
}

void rk__copy_slow(void *dst, const void *src, size_t n) {
#if defined(__x86_64__)
  __asm__ __volatile__("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
#else
  volatile unsigned char *d = dst;
  const volatile unsigned char *s = src;
  while (n--)
    *d++ = *s++;
#endif
}

void rk__zero_slow(void *dst, size_t n) {
#if defined(__x86_64__)
  __asm__ __volatile__("rep stosb" : "+D"(dst), "+c"(n) : "a"(0) : "memory");
#else
  volatile unsigned char *d = dst;
  while (n--)
    *d++ = 0;
#endif
}

_Noreturn void rk__assert_fail(const char *what, const char *file, int line) {
  fprintf(stderr, "racekit: internal error: %s at %s:%d\n", what, file, line);
  abort();
}

int64_t rk__now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t rk_now(void) { return rk__now(); }

pid_t rk__gettid(void) { return (pid_t)syscall(SYS_gettid); }

unsigned rk__ncpu(void) {
  static _Atomic unsigned cached; /* atomic: computed once, idempotent */
  unsigned n = atomic_load_explicit(&cached, memory_order_relaxed);
  if (n == 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    n = c > 0 ? (unsigned)c : 1;
    atomic_store_explicit(&cached, n, memory_order_relaxed);
  }
  return n;
}
