/* SPDX-License-Identifier: MIT */
/* PCs for the report tests; see test_report_fixture.h. The golden files
 * in golden/ name the lines below: keep them where they are. */
#include "test_report_fixture.h"

int rkt_counter;
long rkt_table[4];

__attribute__((noinline)) static void capture(uintptr_t *slot) {
  *slot = (uintptr_t)__builtin_return_address(0);
}

__attribute__((noinline)) static void rkt_bump_counter(uintptr_t *pcs) {
  capture(&pcs[0]);
}

__attribute__((noinline)) void rkt_worker(uintptr_t *pcs) {
  rkt_bump_counter(pcs);
  capture(&pcs[1]);
}

__attribute__((noinline)) void rkt_read_counter(uintptr_t *pcs) {
  capture(&pcs[0]);
}

__attribute__((noinline)) void rkt_spawn(uintptr_t *pcs) {
  capture(&pcs[0]);
}

__attribute__((noinline)) void rkt_alloc(uintptr_t *pcs) {
  capture(&pcs[0]);
}

__attribute__((noinline)) void rkt_release(uintptr_t *pcs) {
  capture(&pcs[0]);
}

static inline __attribute__((always_inline)) void rkt_inlined_store(uintptr_t *pcs) {
  capture(&pcs[0]);
}

__attribute__((noinline)) void rkt_outer(uintptr_t *pcs) {
  rkt_inlined_store(pcs);
}
