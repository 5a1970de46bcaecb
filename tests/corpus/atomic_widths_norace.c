/* SPDX-License-Identifier: MIT */
// expect: norace
/* Atomic objects of 1, 2, 4 and 8 bytes, packed into one 16-byte struct,
   updated by four threads with every kind of operation and memory order:
   atomics never race with atomics, and the neighbouring objects share
   words without sharing bytes. */
#include <stdint.h>

#include "corpus.h"

enum { THREADS = 4, ITERS = 300 };
struct counters {
  uint8_t c8;
  uint8_t pad;
  uint16_t c16;
  uint32_t c32;
  uint64_t c64;
};
_Alignas(16) struct counters c;
static corpus_barrier bar;

static void *worker(void *arg) {
  long i = (long)arg;
  invisible_barrier_wait(&bar);
  for (int k = 0; k < ITERS; k++) {
    switch (i) {
    case 0:
      __atomic_fetch_add(&c.c8, 1, __ATOMIC_RELAXED);
      __atomic_fetch_add(&c.c16, 1, __ATOMIC_ACQ_REL);
      break;
    case 1: {
      uint16_t old = __atomic_load_n(&c.c16, __ATOMIC_ACQUIRE);
      while (!__atomic_compare_exchange_n(&c.c16, &old, (uint16_t)(old + 1), 0, __ATOMIC_SEQ_CST,
                                          __ATOMIC_RELAXED)) {
      }
      __atomic_fetch_or(&c.c32, 1u << (k % 32), __ATOMIC_RELEASE);
      break;
    }
    case 2:
      __atomic_fetch_sub(&c.c64, 1, __ATOMIC_SEQ_CST);
      __atomic_fetch_add(&c.c64, 2, __ATOMIC_RELAXED);
      (void)__atomic_load_n(&c.c8, __ATOMIC_SEQ_CST);
      break;
    default:
      __atomic_fetch_xor(&c.c32, 0, __ATOMIC_RELAXED);
      __atomic_fetch_and(&c.c64, ~(uint64_t)0, __ATOMIC_ACQUIRE);
      __atomic_store_n(&c.pad, (uint8_t)k, __ATOMIC_RELEASE);
      (void)__atomic_exchange_n(&c.pad, (uint8_t)(k + 1), __ATOMIC_ACQ_REL);
      break;
    }
  }
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  return c.c8 == (uint8_t)ITERS && c.c16 == 2 * ITERS && c.c32 == 0xffffffffu && c.c64 == ITERS ? 0 : 1;
}
