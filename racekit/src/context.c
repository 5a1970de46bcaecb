/* SPDX-License-Identifier: MIT */
/* Contexts: a cancellation tree with deadlines (Go's context package).
 *
 * DESIGN: each context holds a reference on its parent; a parent keeps a
 * list of its live children (guarded by the parent's lk, with the child's
 * linked flag). Cancel sets err once under lk, detaches the children
 * (taking a reference on each), closes the done channel and then cancels
 * the children, iteratively, so deep trees need no deep recursion. The
 * close of the done channel is the edge: a cancel happens before a receive
 * on rk_context_done that returns because of it. Timeouts are timers whose
 * callback runs on the (quiet) timer thread. */
#include "internal.h"

#include <stdlib.h>
#include <time.h>

struct rk_context {
  _Atomic long refs;
  rk_context *parent;          /* holds a reference; immutable */
  rk__lock lk;                 /* guards children and the first err store */
  _Atomic int err;             /* 0, RK_ECANCELED or RK_ETIMEDOUT */
  rk_chan *done;               /* immutable; NULL for background */
  rk_context *children;        /* guarded by lk */
  rk_context *sib_prev, *sib_next; /* guarded by parent->lk */
  bool linked;                 /* in parent's list; guarded by parent->lk */
  bool is_static;              /* background */
  bool has_timer;              /* immutable after start */
  rk__timer timer;             /* holds a reference while pending */
};

static rk_context background = {.is_static = true};

rk_context *rk_context_background(void) { return &background; }

static void ctx_unref(rk_context *c) {
  while (c && !c->is_static && atomic_fetch_sub(&c->refs, 1) == 1) {
    rk_context *p = c->parent;
    rk_chan_release(c->done);
    rk__free(c);
    c = p;
  }
}

static void unlink_child(rk_context *c) {
  rk_context *p = c->parent;
  if (!p || p->is_static)
    return;
  rk__lock_acquire(&p->lk);
  if (c->linked) {
    if (c->sib_prev)
      c->sib_prev->sib_next = c->sib_next;
    else
      p->children = c->sib_next;
    if (c->sib_next)
      c->sib_next->sib_prev = c->sib_prev;
    c->sib_prev = c->sib_next = NULL;
    c->linked = false;
  }
  rk__lock_release(&p->lk);
}

/* Cancel c and its descendants with err. */
static void cancel_tree(rk_context *root, int err, rk_srcloc where) {
  size_t n = 0, cap = 16;
  rk_context **work = rk__malloc(cap * sizeof *work);
  rk_assert(work != NULL);
  atomic_fetch_add(&root->refs, 1);
  work[n++] = root;
  while (n > 0) {
    rk_context *c = work[--n];
    rk__lock_acquire(&c->lk);
    int z = 0;
    bool mine = atomic_compare_exchange_strong(&c->err, &z, err);
    rk_context *kids = NULL;
    if (mine) {
      kids = c->children;
      c->children = NULL;
      for (rk_context *k = kids; k; k = k->sib_next) {
        k->linked = false;
        atomic_fetch_add(&k->refs, 1);
      }
    }
    rk__lock_release(&c->lk);
    if (mine) {
      /* HB release (inside the close); pairs with the acquire of a receive on
         rk_context_done() that returns because of this cancel. */
      rk_chan_close_at(c->done, where);
      if (c->has_timer && rk__timer_stop(&c->timer))
        ctx_unref(c); /* the timer's reference */
      for (rk_context *k = kids, *next; k; k = next) {
        next = k->sib_next;
        k->sib_prev = k->sib_next = NULL;
        if (n == cap) {
          rk_context **nw = rk__realloc(work, (cap *= 2) * sizeof *work);
          rk_assert(nw != NULL);
          work = nw;
        }
        work[n++] = k; /* reference taken above */
      }
    }
    if (c != root || mine)
      unlink_child(c);
    ctx_unref(c);
  }
  rk__free(work);
}

static void timer_fire(rk__timer *t, int64_t now) {
  (void)now;
  rk_context *c = t->arg;
  cancel_tree(c, RK_ETIMEDOUT, RK_HERE);
  ctx_unref(c);
}

static rk_context *make_child(rk_context *parent, int64_t when) {
  if (!parent)
    return NULL;
  rk_context *c = rk__calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->done = rk_chan_make(0, 0);
  if (!c->done) {
    rk__free(c);
    return NULL;
  }
  rk__chan_set_ctx(c->done, c);
  atomic_store(&c->refs, 1);
  c->parent = parent;
  if (!parent->is_static)
    atomic_fetch_add(&parent->refs, 1);
  int perr = 0;
  if (!parent->is_static) {
    rk__lock_acquire(&parent->lk);
    perr = atomic_load(&parent->err);
    if (perr == 0) {
      c->sib_next = parent->children;
      if (parent->children)
        parent->children->sib_prev = c;
      parent->children = c;
      c->linked = true;
    }
    rk__lock_release(&parent->lk);
  }
  if (perr != 0) {
    cancel_tree(c, perr, RK_HERE);
    return c;
  }
  if (when >= 0) {
    c->has_timer = true;
    c->timer.when = when;
    c->timer.index = SIZE_MAX;
    c->timer.fn = timer_fire;
    c->timer.locked_fn = false;
    c->timer.arg = c;
    atomic_fetch_add(&c->refs, 1);
    rk__timer_start(&c->timer);
  }
  return c;
}

rk_context *rk_context_with_cancel(rk_context *parent) { return make_child(parent, -1); }

rk_context *rk_context_with_timeout(rk_context *parent, int64_t ns) {
  return make_child(parent, rk__now() + (ns > 0 ? ns : 0));
}

rk_context *rk_context_with_deadline(rk_context *parent, int64_t unix_ns) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  int64_t real = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
  int64_t d = unix_ns - real;
  return make_child(parent, rk__now() + (d > 0 ? d : 0));
}

void rk_context_cancel(rk_context *ctx) {
  if (!ctx || ctx->is_static)
    return;
  cancel_tree(ctx, RK_ECANCELED, RK__CALLER());
}

void rk_context_release(rk_context *ctx) {
  if (!ctx || ctx->is_static)
    return;
  cancel_tree(ctx, RK_ECANCELED, RK__CALLER());
  ctx_unref(ctx);
}

rk_chan *rk_context_done(rk_context *ctx) { return ctx ? ctx->done : NULL; }

int rk_context_err(rk_context *ctx) { return ctx ? atomic_load(&ctx->err) : 0; }
