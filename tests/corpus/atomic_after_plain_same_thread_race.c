/* SPDX-License-Identifier: MIT */
// expect: race 31 22
// expect: race 33 23
/* Main writes x plainly and later (in a later epoch: a release store
   between) stores it atomically, and reads y plainly and later loads it
   atomically; another thread, unordered with main, loads x and stores y
   atomically. Its atomics do not race with main's atomics, but they race
   with main's plain accesses: two races. An atomic access supersedes no
   plain access before it (shadow.h, rkc__supersedes): those must stay in
   the shadow. Both ThreadSanitizers report both races. */
#include "corpus.h"

static _Alignas(64) long x;
static _Alignas(64) long y;
_Alignas(64) long flag; /* not static: the compiler keeps its stores */
static corpus_barrier bar;
long main_sink, other_sink;

static void *other(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar); /* after main's accesses */
  other_sink = __atomic_load_n(&x, __ATOMIC_RELAXED); /* R2 */
  __atomic_store_n(&y, 2, __ATOMIC_RELAXED); /* R4 */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(other, NULL);
  /* a release store (to a word nobody reads) ends each epoch of main */
  x = 7; /* R1 */
  __atomic_store_n(&flag, 1, __ATOMIC_RELEASE);
  main_sink += y; /* R3 */
  __atomic_store_n(&flag, 2, __ATOMIC_RELEASE);
  __atomic_store_n(&x, 1, __ATOMIC_RELAXED);
  main_sink += __atomic_load_n(&y, __ATOMIC_RELAXED);
  invisible_barrier_wait(&bar);
  join(t);
  return 0;
}
