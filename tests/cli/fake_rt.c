/* SPDX-License-Identifier: MIT */
/* A stand-in for the checker runtime in the tests of `racekit cc` and
 * `racekit run`: the __tsan_* entry points that clang and gcc emit for
 * small programs, doing nothing. With it (RACEKIT_LIBDIR pointing at its
 * folder), the tests check what the driver compiles and links, and the
 * exit status and output it passes through, independently of the checker.
 * __tsan_init prints a marker to stderr when RACEKIT_FAKE_RT_MARK is set,
 * so a test can see that this runtime, and not libtsan, was linked. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void __tsan_init(void) {
  static int done; /* every instrumented object's constructor calls it */
  if (!done++ && getenv("RACEKIT_FAKE_RT_MARK"))
    fputs("fake checker runtime linked\n", stderr);
}
void __tsan_func_entry(void *pc) { (void)pc; }
void __tsan_func_exit(void) {}
void __tsan_ignore_thread_begin(void) {}
void __tsan_ignore_thread_end(void) {}

#define ACCESS(n)                                             \
  void __tsan_read##n(void *p) { (void)p; }                   \
  void __tsan_write##n(void *p) { (void)p; }                  \
  void __tsan_unaligned_read##n(void *p) { (void)p; }         \
  void __tsan_unaligned_write##n(void *p) { (void)p; }        \
  void __tsan_volatile_read##n(void *p) { (void)p; }          \
  void __tsan_volatile_write##n(void *p) { (void)p; }         \
  void __tsan_read_write##n(void *p) { (void)p; }             \
  void __tsan_unaligned_read_write##n(void *p) { (void)p; }   \
  void __tsan_read##n##_pc(void *p, void *pc) { (void)p; (void)pc; } \
  void __tsan_write##n##_pc(void *p, void *pc) { (void)p; (void)pc; }
ACCESS(1)
ACCESS(2)
ACCESS(4)
ACCESS(8)
ACCESS(16)

void __tsan_read_range(void *p, unsigned long n) { (void)p; (void)n; }
void __tsan_write_range(void *p, unsigned long n) { (void)p; (void)n; }
void __tsan_vptr_read(void **p) { (void)p; }
void __tsan_vptr_update(void **p, void *v) { (void)p; (void)v; }
void *__tsan_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
void *__tsan_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
void *__tsan_memset(void *d, int c, size_t n) { return memset(d, c, n); }
void __tsan_atomic_thread_fence(int mo) { (void)mo; __atomic_thread_fence(__ATOMIC_SEQ_CST); }
void __tsan_atomic_signal_fence(int mo) { (void)mo; }
