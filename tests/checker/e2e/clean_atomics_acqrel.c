/* SPDX-License-Identifier: MIT */
/* expect: clean — message passing through atomics of every size with
   release/acquire, seq_cst, a CAS and an RMW chain continuing a release
   sequence. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

static int d8, d16, d32, d64, dcas, drmw;
static _Atomic uint8_t f8;
static _Atomic uint16_t f16;
static _Atomic uint32_t f32;
static _Atomic uint64_t f64;
static atomic_int fcas, frmw;

static void *producer(void *arg) {
  (void)arg;
  d8 = 1;
  atomic_store_explicit(&f8, 1, memory_order_release);
  d16 = 1;
  atomic_store_explicit(&f16, 1, memory_order_seq_cst);
  d32 = 1;
  atomic_exchange_explicit(&f32, 1, memory_order_acq_rel);
  d64 = 1;
  atomic_fetch_add_explicit(&f64, 1, memory_order_release);
  dcas = 1;
  int e = 0;
  atomic_compare_exchange_strong_explicit(&fcas, &e, 1, memory_order_release, memory_order_relaxed);
  drmw = 1;
  atomic_store_explicit(&frmw, 1, memory_order_release);
  return 0;
}

static void *middle(void *arg) {
  (void)arg;
  /* A relaxed RMW continues the release sequence headed by the store. */
  while (atomic_load_explicit(&frmw, memory_order_relaxed) == 0)
    ;
  atomic_fetch_add_explicit(&frmw, 1, memory_order_relaxed);
  return 0;
}

static void *consumer(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&f8, memory_order_acquire))
    ;
  while (!atomic_load_explicit(&f16, memory_order_seq_cst))
    ;
  while (!atomic_load_explicit(&f32, memory_order_acquire))
    ;
  while (!atomic_load_explicit(&f64, memory_order_acquire))
    ;
  int e = 1;
  while (!atomic_compare_exchange_weak_explicit(&fcas, &e, 2, memory_order_acquire, memory_order_relaxed))
    e = 1;
  while (atomic_load_explicit(&frmw, memory_order_acquire) != 2)
    ;
  return (void *)(long)(d8 + d16 + d32 + d64 + dcas + drmw);
}

int main(void) {
  pthread_t p, m, c;
  void *sum;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&m, 0, middle, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(m, 0);
  pthread_join(c, &sum);
  return (long)sum == 6 ? 0 : 1;
}
