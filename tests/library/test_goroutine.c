/* SPDX-License-Identifier: MIT */
/* rk_go and rk_goid: ids, arguments, many goroutines, nested spawning,
   plain threads calling into racekit. */
#include "rk_test.h"

#include <pthread.h>

Test(goroutine, main_is_goroutine_1, .timeout = 10) {
  cr_assert_eq(rk_goid(), 1);
  cr_assert_eq(rk_goid(), 1);
}

typedef struct idrec {
  rk_chan *ids;
  int index;
} idrec;

static void report_id(void *arg) {
  idrec *r = arg;
  long pair[2] = {r->index, rk_goid()};
  rk_chan_send(r->ids, pair);
}

Test(goroutine, ids_are_small_increasing_and_distinct, .timeout = 10) {
  enum { N = 100 };
  static idrec recs[N];
  rk_chan *ids = rk_chan_make(2 * sizeof(long), N);
  for (int i = 0; i < N; i++) {
    recs[i] = (idrec){ids, i};
    cr_assert_eq(rk_go(report_id, &recs[i]), 0);
  }
  long by_index[N];
  for (int i = 0; i < N; i++) {
    long pair[2];
    rk_chan_recv(ids, pair, NULL);
    by_index[pair[0]] = pair[1];
  }
  for (int i = 0; i < N; i++) {
    cr_assert_gt(by_index[i], 1);
    cr_assert_lt(by_index[i], 10 * N, "small integers");
    if (i > 0)
      cr_assert_gt(by_index[i], by_index[i - 1], "increasing in spawn order");
  }
  cr_assert_eq(rk_goid(), 1);
  rk_chan_release(ids);
}

typedef struct many {
  rk_atomic_i64 sum;
  rk_waitgroup wg;
} many;

typedef struct item {
  many *m;
  long value;
} item;

static void add_item(void *arg) {
  item *it = arg;
  rk_atomic_i64_add(&it->m->sum, it->value);
  rk_wg_done(&it->m->wg);
}

Test(goroutine, ten_thousand_goroutines, .timeout = 30) {
  enum { N = 10000 };
  static many m = {RK_ATOMIC_INIT(0), RK_WAITGROUP_INIT};
  static item items[N];
  rk_wg_add(&m.wg, N);
  for (int i = 0; i < N; i++) {
    items[i] = (item){&m, i + 1};
    cr_assert_eq(rk_go(add_item, &items[i]), 0);
  }
  rk_wg_wait(&m.wg);
  cr_assert_eq(rk_atomic_i64_load(&m.sum), (int64_t)N * (N + 1) / 2);
}

typedef struct tree {
  int depth;
  rk_waitgroup *wg;
  rk_atomic_i64 *count;
} tree;

/* Goroutines spawning goroutines: a binary tree of depth 8 (511 nodes). */
static void spawn_tree(void *arg) {
  tree *t = arg;
  rk_atomic_i64_add(t->count, 1);
  if (t->depth > 0) {
    static tree kids[1024];
    static rk_atomic_i64 next = RK_ATOMIC_INIT(0);
    for (int k = 0; k < 2; k++) {
      tree *c = &kids[rk_atomic_i64_add(&next, 1) - 1];
      *c = (tree){t->depth - 1, t->wg, t->count};
      rk_wg_add(t->wg, 1);
      rk_go(spawn_tree, c);
    }
  }
  rk_wg_done(t->wg);
}

Test(goroutine, nested_spawning, .timeout = 30) {
  static rk_waitgroup wg = RK_WAITGROUP_INIT;
  static rk_atomic_i64 count = RK_ATOMIC_INIT(0);
  static tree root;
  root = (tree){8, &wg, &count};
  rk_wg_add(&wg, 1);
  rk_go(spawn_tree, &root);
  rk_wg_wait(&wg);
  cr_assert_eq(rk_atomic_i64_load(&count), 511);
}

static void *plain_thread(void *arg) {
  long *ids = arg;
  ids[0] = rk_goid();
  ids[1] = rk_goid();
  return NULL;
}

Test(goroutine, plain_thread_gets_an_id_on_first_call, .timeout = 10) {
  long ids[2] = {0, 0};
  pthread_t t;
  cr_assert_eq(pthread_create(&t, NULL, plain_thread, ids), 0);
  pthread_join(t, NULL);
  cr_assert_gt(ids[0], 1);
  cr_assert_eq(ids[0], ids[1], "stable across calls");
}

static void check_arg(void *arg) {
  rk_chan *c = arg;
  int v = 5;
  rk_chan_send(c, &v);
}

Test(goroutine, arg_passed_through, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 0);
  int (*go)(void (*)(void *), void *) = (rk_go);
  cr_assert_eq(go(check_arg, c), 0);
  int v = 0;
  rk_chan_recv(c, &v, NULL);
  cr_assert_eq(v, 5);
  rk_chan_release(c);
}
