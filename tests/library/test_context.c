/* SPDX-License-Identifier: MIT */
/* Context: background, with_cancel, with_timeout, with_deadline, cancel
   reaching every descendant, err values, the done channel. */
#include "rk_test.h"

#include <time.h>

static bool done_closed(rk_context *ctx) {
  bool ok = true;
  int r = rk_chan_try_recv(rk_context_done(ctx), NULL, &ok);
  return r == 0 && !ok;
}

static bool done_open(rk_context *ctx) {
  return rk_chan_try_recv(rk_context_done(ctx), NULL, NULL) == RK_EAGAIN;
}

static int64_t unix_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * RK_SECOND + ts.tv_nsec;
}

Test(context, background, .timeout = 10) {
  rk_context *bg = rk_context_background();
  cr_assert_not_null(bg);
  cr_assert_eq(rk_context_background(), bg, "static");
  cr_assert_eq(rk_context_err(bg), 0);
  cr_assert_null(rk_context_done(bg), "never ready: a NULL channel");
  rk_context_release(bg); /* no-op */
  cr_assert_eq(rk_context_err(bg), 0);
}

Test(context, with_cancel, .timeout = 10) {
  rk_context *ctx = rk_context_with_cancel(rk_context_background());
  cr_assert_not_null(ctx);
  cr_assert_eq(rk_context_err(ctx), 0);
  cr_assert_not_null(rk_context_done(ctx));
  cr_assert(done_open(ctx));
  rk_context_cancel(ctx);
  cr_assert_eq(rk_context_err(ctx), RK_ECANCELED);
  cr_assert(done_closed(ctx));
  rk_context_cancel(ctx); /* idempotent */
  cr_assert_eq(rk_context_err(ctx), RK_ECANCELED);
  bool ok = true;
  cr_assert_eq(rk_chan_recv(rk_context_done(ctx), NULL, &ok), 0);
  cr_assert_not(ok);
  rk_context_release(ctx);
}

Test(context, null_parent, .timeout = 10) {
  cr_assert_null(rk_context_with_cancel(NULL));
  cr_assert_null(rk_context_with_timeout(NULL, RK_SECOND));
  cr_assert_null(rk_context_with_deadline(NULL, 0));
}

Test(context, cancel_reaches_1000_descendants, .timeout = 20) {
  enum { N = 1000 };
  rk_context *root = rk_context_with_cancel(rk_context_background());
  rk_context *nodes[N];
  unsigned seed = 12345;
  for (int i = 0; i < N; i++) {
    /* A random tree: chains, wide fan-outs, with_timeout nodes too. */
    rk_context *parent = i == 0 ? root : nodes[rand_r(&seed) % i];
    nodes[i] = i % 7 == 3 ? rk_context_with_timeout(parent, 600 * RK_SECOND)
                          : rk_context_with_cancel(parent);
    cr_assert_not_null(nodes[i]);
  }
  for (int i = 0; i < N; i++) {
    cr_assert_eq(rk_context_err(nodes[i]), 0);
    cr_assert(done_open(nodes[i]));
  }
  rk_context_cancel(root);
  for (int i = 0; i < N; i++) {
    cr_assert_eq(rk_context_err(nodes[i]), RK_ECANCELED, "node %d", i);
    cr_assert(done_closed(nodes[i]), "node %d", i);
  }
  for (int i = N - 1; i >= 0; i--)
    rk_context_release(nodes[i]);
  rk_context_release(root);
}

Test(context, deep_chain, .timeout = 20) {
  enum { N = 1000 };
  rk_context *nodes[N + 1];
  nodes[0] = rk_context_with_cancel(rk_context_background());
  for (int i = 1; i <= N; i++)
    nodes[i] = rk_context_with_cancel(nodes[i - 1]);
  rk_context_cancel(nodes[0]);
  cr_assert(done_closed(nodes[N]));
  cr_assert_eq(rk_context_err(nodes[N]), RK_ECANCELED);
  for (int i = 0; i <= N; i++) /* release parents first: children stay valid */
    rk_context_release(nodes[i]);
}

Test(context, cancel_child_leaves_parent_and_siblings, .timeout = 10) {
  rk_context *parent = rk_context_with_cancel(rk_context_background());
  rk_context *a = rk_context_with_cancel(parent);
  rk_context *b = rk_context_with_cancel(parent);
  rk_context *a1 = rk_context_with_cancel(a);
  rk_context_cancel(a);
  cr_assert_eq(rk_context_err(a), RK_ECANCELED);
  cr_assert_eq(rk_context_err(a1), RK_ECANCELED);
  cr_assert_eq(rk_context_err(parent), 0);
  cr_assert_eq(rk_context_err(b), 0);
  cr_assert(done_open(parent));
  cr_assert(done_open(b));
  rk_context_release(a1);
  rk_context_release(a);
  rk_context_release(b);
  rk_context_release(parent);
}

Test(context, child_of_canceled_parent_is_canceled, .timeout = 10) {
  rk_context *parent = rk_context_with_cancel(rk_context_background());
  rk_context_cancel(parent);
  rk_context *child = rk_context_with_cancel(parent);
  cr_assert_eq(rk_context_err(child), RK_ECANCELED);
  cr_assert(done_closed(child));
  rk_context_release(child);
  rk_context_release(parent);
}

Test(context, release_cancels, .timeout = 10) {
  rk_context *parent = rk_context_with_cancel(rk_context_background());
  rk_context *child = rk_context_with_cancel(parent);
  rk_context_release(parent);
  cr_assert_eq(rk_context_err(child), RK_ECANCELED,
               "releasing the parent canceled it and its descendants");
  cr_assert(done_closed(child));
  rk_context_release(child);
}

/* (A short timeout may expire before the next line runs on a loaded
   machine: "not yet expired" is checked on a long one.) */
Test(context, not_expired_before_its_time, .timeout = 10) {
  rk_context *ctx = rk_context_with_timeout(rk_context_background(), 600 * RK_SECOND);
  cr_assert_eq(rk_context_err(ctx), 0);
  cr_assert(done_open(ctx));
  rk_context *dl = rk_context_with_deadline(rk_context_background(), unix_now() + 600 * RK_SECOND);
  cr_assert_eq(rk_context_err(dl), 0);
  cr_assert(done_open(dl));
  rk_context_release(dl);
  rk_context_release(ctx);
}

Test(context, timeout, .timeout = 10) {
  int64_t t0 = rk_now();
  rk_context *ctx = rk_context_with_timeout(rk_context_background(), 20 * RK_MILLISECOND);
  bool ok = true;
  cr_assert_eq(rk_chan_recv(rk_context_done(ctx), NULL, &ok), 0);
  cr_assert_not(ok);
  cr_assert_geq(rk_now() - t0, 20 * RK_MILLISECOND);
  cr_assert_eq(rk_context_err(ctx), RK_ETIMEDOUT);
  rk_context *child = rk_context_with_cancel(ctx);
  cr_assert_eq(rk_context_err(child), RK_ETIMEDOUT, "a child inherits the error");
  rk_context_release(child);
  rk_context_release(ctx);
}

Test(context, timeout_reaches_descendants, .timeout = 10) {
  rk_context *ctx = rk_context_with_timeout(rk_context_background(), 10 * RK_MILLISECOND);
  rk_context *child = rk_context_with_cancel(ctx);
  rk_context *grandchild = rk_context_with_timeout(child, 600 * RK_SECOND);
  rk_chan_recv(rk_context_done(grandchild), NULL, NULL);
  cr_assert_eq(rk_context_err(grandchild), RK_ETIMEDOUT);
  cr_assert_eq(rk_context_err(child), RK_ETIMEDOUT);
  rk_context_release(grandchild);
  rk_context_release(child);
  rk_context_release(ctx);
}

Test(context, shorter_parent_deadline_wins, .timeout = 10) {
  rk_context *parent = rk_context_with_timeout(rk_context_background(), 10 * RK_MILLISECOND);
  rk_context *child = rk_context_with_timeout(parent, 600 * RK_SECOND);
  rk_chan_recv(rk_context_done(child), NULL, NULL);
  cr_assert_eq(rk_context_err(child), RK_ETIMEDOUT);
  rk_context_release(child);
  rk_context_release(parent);
}

Test(context, cancel_before_timeout_stays_canceled, .timeout = 10) {
  /* the timeout is long enough that the cancel comes first even on a
     loaded machine (starting the timer thread takes a while) */
  rk_context *ctx = rk_context_with_timeout(rk_context_background(), 200 * RK_MILLISECOND);
  rk_context_cancel(ctx);
  cr_assert_eq(rk_context_err(ctx), RK_ECANCELED);
  rk_sleep(300 * RK_MILLISECOND);
  cr_assert_eq(rk_context_err(ctx), RK_ECANCELED, "the timeout does not overwrite");
  rk_context_release(ctx);
}

Test(context, deadline, .timeout = 10) {
  int64_t t0 = rk_now();
  rk_context *ctx = rk_context_with_deadline(rk_context_background(),
                                             unix_now() + 20 * RK_MILLISECOND);
  rk_chan_recv(rk_context_done(ctx), NULL, NULL);
  cr_assert_geq(rk_now() - t0, 15 * RK_MILLISECOND);
  cr_assert_eq(rk_context_err(ctx), RK_ETIMEDOUT);
  rk_context_release(ctx);
}

Test(context, deadline_in_the_past, .timeout = 10) {
  rk_context *ctx = rk_context_with_deadline(rk_context_background(),
                                             unix_now() - RK_SECOND);
  cr_assert_not_null(ctx);
  bool ok = true;
  rk_chan_recv(rk_context_done(ctx), NULL, &ok);
  cr_assert_not(ok);
  cr_assert_eq(rk_context_err(ctx), RK_ETIMEDOUT);
  rk_context_release(ctx);
}

typedef struct watcher {
  rk_context *ctx;
  rk_chan *work;
  rk_chan *result;
} watcher;

/* The usual Go worker: select over work and ctx done. */
static void watch(void *arg) {
  watcher *w = arg;
  int handled = 0;
  for (;;) {
    int v;
    rk_select_case cases[] = {RK_RECV(w->work, &v, NULL),
                              RK_RECV(rk_context_done(w->ctx), NULL, NULL)};
    if (rk_select(cases, 2, RK_SELECT_BLOCK) == 1)
      break;
    handled++;
  }
  rk_chan_send(w->result, &handled);
}

Test(context, cancel_wakes_select, .timeout = 10) {
  watcher w = {rk_context_with_cancel(rk_context_background()),
               rk_chan_make(sizeof(int), 0), rk_chan_make(sizeof(int), 1)};
  rk_go(watch, &w);
  for (int i = 0; i < 10; i++)
    rk_chan_send(w.work, &i);
  rk_context_cancel(w.ctx);
  int handled = 0;
  rk_chan_recv(w.result, &handled, NULL);
  cr_assert_eq(handled, 10);
  rk_context_release(w.ctx);
  rk_chan_release(w.work);
  rk_chan_release(w.result);
}

/* Releasing nodes in any order is safe (ASan checks): a released child is
   detached from its parent; a released parent leaves its children valid. */
Test(context, release_in_any_order, .timeout = 10) {
  rk_context *parent = rk_context_with_cancel(rk_context_background());
  rk_context *a = rk_context_with_cancel(parent);
  rk_context *b = rk_context_with_timeout(parent, 600 * RK_SECOND);
  rk_context_release(a); /* child first */
  rk_context_cancel(parent);
  cr_assert_eq(rk_context_err(b), RK_ECANCELED);
  rk_context *c = rk_context_with_cancel(b);
  rk_context_release(parent); /* parent before its children */
  rk_context_release(b);
  cr_assert_eq(rk_context_err(c), RK_ECANCELED);
  cr_assert(done_closed(c));
  rk_context_release(c);

  /* Many short-lived children of a long-lived parent. */
  rk_context *root = rk_context_with_cancel(rk_context_background());
  for (int i = 0; i < 10000; i++)
    rk_context_release(rk_context_with_timeout(root, RK_SECOND));
  cr_assert_eq(rk_context_err(root), 0);
  rk_context_release(root);
}

Test(context, nonpositive_timeout_is_already_expired, .timeout = 10) {
  rk_context *z = rk_context_with_timeout(rk_context_background(), 0);
  rk_context *n = rk_context_with_timeout(rk_context_background(), -RK_SECOND);
  cr_assert_not_null(z);
  cr_assert_not_null(n);
  bool ok = true;
  rk_chan_recv(rk_context_done(z), NULL, &ok);
  cr_assert_not(ok);
  rk_chan_recv(rk_context_done(n), NULL, &ok);
  cr_assert_not(ok);
  cr_assert_eq(rk_context_err(z), RK_ETIMEDOUT);
  cr_assert_eq(rk_context_err(n), RK_ETIMEDOUT);
  rk_context_release(z);
  rk_context_release(n);
}
