/* SPDX-License-Identifier: MIT */
/* Unit tests of the checker's stack depot (instrumentation/depot.c) and of
   the per-thread stack ids built on it (thread.c). */
#include <criterion/criterion.h>
#include <pthread.h>

#include "depot.h"
#include "thread.h"

Test(depot, same_path_same_id, .timeout = 5) {
  uint32_t a = rkc__depot_child(0, 0x1000);
  uint32_t b = rkc__depot_child(a, 0x2000);
  cr_assert_neq(a, 0);
  cr_assert_neq(b, a);
  cr_assert_eq(rkc__depot_child(0, 0x1000), a);
  cr_assert_eq(rkc__depot_child(a, 0x2000), b);
  cr_assert_neq(rkc__depot_child(0, 0x2000), b, "same pc, other parent");
}

Test(depot, get_is_innermost_first, .timeout = 5) {
  uint32_t id = 0;
  for (uintptr_t pc = 1; pc <= 5; pc++)
    id = rkc__depot_child(id, 0x5000 + pc);
  uintptr_t pcs[8];
  cr_assert_eq(rkc__depot_get(id, pcs, 8), 5);
  for (int i = 0; i < 5; i++)
    cr_assert_eq(pcs[i], 0x5000 + 5 - (uintptr_t)i);
  cr_assert_eq(rkc__depot_get(id, pcs, 3), 3, "truncated to max");
  cr_assert_eq(rkc__depot_get(0, pcs, 8), 0, "the empty stack");
}

static void *insert_paths(void *arg) {
  uint32_t *out = arg;
  for (uintptr_t i = 0; i < 2000; i++)
    out[i] = rkc__depot_child(rkc__depot_child(0, 0x9000), 0xA000 + i);
  return NULL;
}

Test(depot, concurrent_inserts_agree, .timeout = 20) {
  static uint32_t ids[4][2000];
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, insert_paths, ids[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  for (int k = 1; k < 4; k++)
    for (int i = 0; i < 2000; i++)
      cr_assert_eq(ids[k][i], ids[0][i]);
}

Test(depot, thread_stack_id_follows_shadow_stack, .timeout = 5) {
  rkc__thr *t = rkc__thr_new(NULL, RKC_THREAD_PTHREAD, 0);
  t->spcs[0] = 0x100; /* as __tsan_func_entry pushes them */
  t->spcs[1] = 0x200;
  t->depth = 2;
  uint32_t id = rkc__thr_stack_id(t, 0x300);
  uintptr_t pcs[4];
  cr_assert_eq(rkc__depot_get(id, pcs, 4), 3);
  cr_assert_eq(pcs[0], 0x300);
  cr_assert_eq(pcs[1], 0x200);
  cr_assert_eq(pcs[2], 0x100);
  /* leave the inner function, enter another at the same depth */
  t->depth = 1;
  t->valid = 1;
  t->spcs[1] = 0x250;
  t->depth = 2;
  id = rkc__thr_stack_id(t, 0x300);
  cr_assert_eq(rkc__depot_get(id, pcs, 4), 3);
  cr_assert_eq(pcs[1], 0x250);
}
