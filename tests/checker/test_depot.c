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

/* The access-site memo (thread.h, rkc__smemo_find) keeps every site of a
   loop whose sets do not overflow: two sites whose home entries are the
   two entries of one set both stay, in whatever order they come. */
Test(depot, memo_keeps_two_sites_of_one_set, .timeout = 5) {
  rkc__thr *t = rkc__thr_new(NULL, RKC_THREAD_PTHREAD, 0);
  const uintptr_t a = 0x4004, b = 0x5005, c = 0x6006; /* homes 4, 5 (set 4-5) and 6 */
  cr_assert_eq(rkc__smemo_idx(a, 0) ^ 1, rkc__smemo_idx(b, 0));
  uint32_t ia = rkc__thr_stack_id(t, a), ib = rkc__thr_stack_id(t, b);
  for (int round = 0; round < 3; round++) {
    cr_assert_eq(rkc__thr_stack_id(t, round & 1 ? b : a), round & 1 ? ib : ia);
    const struct rkc__smemo *ea = rkc__smemo_find(t, a, t->top), *eb = rkc__smemo_find(t, b, t->top);
    cr_assert(ea && ea->id == ia, "a's entry stays (round %d)", round);
    cr_assert(eb && eb->id == ib, "b's entry stays (round %d)", round);
  }
  /* a third key of that set replaces one of them; another set's key neither */
  rkc__thr_stack_id(t, c);
  cr_assert(rkc__smemo_find(t, a, t->top) && rkc__smemo_find(t, b, t->top));
  const uintptr_t d = 0x7004; /* home 4 */
  uint32_t id = rkc__thr_stack_id(t, d);
  cr_assert_eq(rkc__smemo_find(t, d, t->top)->id, id);
  cr_assert(!rkc__smemo_find(t, a, t->top) != !rkc__smemo_find(t, b, t->top), "exactly one of a and b left");
}
