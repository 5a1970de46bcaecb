/* SPDX-License-Identifier: MIT */
/* The library's heap allocations.
 *
 * DESIGN: a race checker intercepts malloc and free and treats them as
 * accesses of the block (a free is a write). The library's objects are
 * allocated by one goroutine and freed by another (the last reference may
 * be dropped by the timer thread), ordered only by the library's invisible
 * internal synchronization, so a checker would report those frees as
 * races. Around its own allocations the library therefore asks the checker
 * to ignore the current thread's accesses (__tsan_ignore_thread_begin/end,
 * which ThreadSanitizer and racekit's checker both provide, else
 * AnnotateIgnoreWritesBegin/End; weak): the block's shadow is then reset
 * instead of checked, and a free still forgets the block's sync objects. */
#define _GNU_SOURCE
#include "internal.h"

#include <stdlib.h>

extern void __tsan_ignore_thread_begin(void) __attribute__((weak));
extern void __tsan_ignore_thread_end(void) __attribute__((weak));
extern void AnnotateIgnoreWritesBegin(const char *file, int line) __attribute__((weak));
extern void AnnotateIgnoreWritesEnd(const char *file, int line) __attribute__((weak));

static inline void ignore_begin(void) {
  if (__tsan_ignore_thread_begin && __tsan_ignore_thread_end)
    __tsan_ignore_thread_begin();
  else if (AnnotateIgnoreWritesBegin && AnnotateIgnoreWritesEnd)
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
}
static inline void ignore_end(void) {
  if (__tsan_ignore_thread_begin && __tsan_ignore_thread_end)
    __tsan_ignore_thread_end();
  else if (AnnotateIgnoreWritesBegin && AnnotateIgnoreWritesEnd)
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
}

void *rk__malloc(size_t n) {
  ignore_begin();
  void *p = malloc(n);
  ignore_end();
  return p;
}

void *rk__calloc(size_t n, size_t size) {
  ignore_begin();
  void *p = calloc(n, size);
  ignore_end();
  return p;
}

void *rk__realloc(void *p, size_t n) {
  ignore_begin();
  void *q = realloc(p, n);
  ignore_end();
  return q;
}

void rk__free(void *p) {
  if (!p)
    return;
  ignore_begin();
  free(p);
  ignore_end();
}
