/* SPDX-License-Identifier: MIT */
/* Shared by the corpus programs: a barrier the race checker cannot see, and
 * a thread helper that dies loudly instead of racing silently.
 *
 * The barrier is ThreadSanitizer's test-only barrier
 * (__tsan_testonly_barrier_init/wait, as in TSan's own tests/rtl/test.h),
 * which both clang's and gcc's TSan runtimes and racekit's checker export.
 * It spins on an atomic word inside the runtime and creates NO
 * happens-before edge, so a racy program can force its two accesses to
 * overlap in time without hiding the race. Race-free programs use it only
 * to make an interleaving deterministic, never to order their accesses.
 */
#ifndef RACEKIT_TESTS_CORPUS_H
#define RACEKIT_TESTS_CORPUS_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* The barrier's state: 8 bytes, as in TSan's test.h (invisible_barrier_t),
   whatever part of it a runtime uses. */
typedef unsigned long long corpus_barrier;
void __tsan_testonly_barrier_init(corpus_barrier *b, unsigned count);
void __tsan_testonly_barrier_wait(corpus_barrier *b);

/* A barrier of count (< 256) threads, invisible to the checker. */
static inline void invisible_barrier_init(corpus_barrier *b, unsigned count) {
  __tsan_testonly_barrier_init(b, count);
}
static inline void invisible_barrier_wait(corpus_barrier *b) { __tsan_testonly_barrier_wait(b); }

static inline pthread_t spawn(void *(*fn)(void *), void *arg) {
  pthread_t t;
  if (pthread_create(&t, NULL, fn, arg) != 0) {
    fprintf(stderr, "pthread_create failed\n");
    exit(3);
  }
  return t;
}

static inline void join(pthread_t t) {
  if (pthread_join(t, NULL) != 0) {
    fprintf(stderr, "pthread_join failed\n");
    exit(3);
  }
}

#endif
