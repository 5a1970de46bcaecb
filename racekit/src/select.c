/* SPDX-License-Identifier: MIT */
/* select over send and receive cases.
 *
 * DESIGN: as Go's selectgo. Pass 1 visits the usable cases in a uniformly
 * random order (so among ready cases each is equally likely) and performs
 * the first ready one, locking one channel at a time; cases whose lock-free
 * hint says "not ready" are skipped without locking. If none is ready and
 * the select blocks, pass 2 locks every channel in address order, checks
 * again and enqueues one waiter per case; all waiters share the G's claim
 * word, so the first counterpart to claim it wins and the others drop the
 * stale waiters. After waking, the G removes its remaining waiters under
 * the locks again. Each case carries exactly the edges of the operation it
 * performs (chan.c). */
#include "internal.h"

#include <stdlib.h>

#define RK__SELECT_STACK 8

static int perform(rk_select_case *c, rk_srcloc where, rk__g **wake) {
  if (c->op == RK_SELECT_SEND)
    return rk__chan_send_locked(c->ch, c->elem, where, wake);
  bool ok = false;
  int r = rk__chan_recv_locked(c->ch, c->elem, &ok, where, wake);
  if (r == RK__OP_DONE && c->ok)
    *c->ok = ok;
  return r;
}

static void lock_all(rk_chan **chs, size_t m) {
  for (size_t i = 0; i < m; i++)
    rk__chan_lock(chs[i]);
}
static void unlock_all(rk_chan **chs, size_t m) {
  for (size_t i = m; i-- > 0;)
    rk__chan_unlock(chs[i]);
}

int rk_select_at(rk_select_case *cases, size_t n, int flags, rk_srcloc where) {
  if ((flags & ~RK_SELECT_DEFAULT) != 0 || (n > 0 && !cases) || n > UINT32_MAX - 1)
    return RK_EINVAL;
  size_t m = 0; /* usable cases */
  for (size_t i = 0; i < n; i++) {
    if (cases[i].op != RK_SELECT_SEND && cases[i].op != RK_SELECT_RECV)
      return RK_EINVAL;
    if (cases[i].ch) {
      if (cases[i].op == RK_SELECT_SEND && !cases[i].elem && rk__chan_esize(cases[i].ch))
        return RK_EINVAL;
      m++;
    }
  }
  if (m == 0) {
    if (flags & RK_SELECT_DEFAULT)
      return RK_SELECT_NONE;
    /* as Go: `select {}` is "select (no cases)"; cases that are all nil
       channels park as a plain "select" */
    rk__park_forever(n == 0 ? RK__R_SELECT_NO_CASES : RK__R_SELECT, where);
  }
  if (flags & RK_SELECT_DEFAULT) {
    /* nothing looks ready: done without locking or shuffling */
    size_t i = 0;
    while (i < n && !(cases[i].ch && rk__chan_maybe_ready(cases[i].ch, cases[i].op == RK_SELECT_SEND)))
      i++;
    if (i == n)
      return RK_SELECT_NONE;
  }
  rk__g *g = rk__self();
  uint32_t ord_s[RK__SELECT_STACK];
  rk_chan *chs_s[RK__SELECT_STACK];
  rk__waiter wv_s[RK__SELECT_STACK];
  uint32_t *ord = ord_s;
  rk_chan **chs = chs_s;
  rk__waiter *wv = wv_s;
  if (n > RK__SELECT_STACK) {
    ord = rk__malloc(m * sizeof *ord);
    chs = rk__malloc(m * sizeof *chs);
    wv = rk__malloc(n * sizeof *wv);
    if (!ord || !chs || !wv) {
      rk__free(ord);
      rk__free(chs);
      rk__free(wv);
      return RK_ENOMEM;
    }
  }
  int result;
  for (;;) {
    /* random poll order over the usable cases (Fisher-Yates) */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      if (!cases[i].ch)
        continue;
      uint32_t j = rk__rand(g, (uint32_t)(k + 1));
      ord[k] = ord[j];
      ord[j] = (uint32_t)i;
      k++;
    }
    /* pass 1: one lock at a time */
    for (size_t p = 0; p < m; p++) {
      rk_select_case *c = &cases[ord[p]];
      if (!rk__chan_maybe_ready(c->ch, c->op == RK_SELECT_SEND))
        continue;
      rk__g *wake = NULL;
      rk__chan_lock(c->ch);
      int r = perform(c, where, &wake);
      rk__chan_unlock(c->ch);
      if (r == RK__OP_CLOSED)
        rk_panic_at(where, "send on closed channel");
      if (r == RK__OP_DONE) {
        if (wake)
          rk__unpark(wake);
        result = (int)ord[p];
        goto out;
      }
    }
    if (flags & RK_SELECT_DEFAULT) {
      result = RK_SELECT_NONE;
      goto out;
    }
    /* pass 2: lock all channels in address order (each once) */
    size_t nch = 0;
    for (size_t i = 0; i < n; i++) {
      rk_chan *ch = cases[i].ch;
      if (!ch)
        continue;
      size_t j = nch;
      while (j > 0 && chs[j - 1] > ch)
        j--;
      if (j > 0 && chs[j - 1] == ch)
        continue;
      for (size_t q = nch; q > j; q--)
        chs[q] = chs[q - 1];
      chs[j] = ch;
      nch++;
    }
    rk__park_prepare(g);
    lock_all(chs, nch);
    for (size_t p = 0; p < m; p++) {
      rk_select_case *c = &cases[ord[p]];
      rk__g *wake = NULL;
      int r = perform(c, where, &wake);
      if (r == RK__OP_BLOCK)
        continue;
      unlock_all(chs, nch);
      if (r == RK__OP_CLOSED)
        rk_panic_at(where, "send on closed channel");
      if (wake)
        rk__unpark(wake);
      result = (int)ord[p];
      goto out;
    }
    /* A parked select keeps its channels alive until it is done with them:
       woken, it locks them all again (below), after its partner, whose
       operation completed ours, may have released the last reference. */
    for (size_t i = 0; i < nch; i++)
      rk_chan_retain(chs[i]);
    for (size_t i = 0; i < n; i++) {
      if (!cases[i].ch)
        continue;
      rk__waiter *w = &wv[i];
      *w = (rk__waiter){0};
      w->g = g;
      w->elem = cases[i].elem;
      w->index = (uint32_t)i;
      w->is_send = cases[i].op == RK_SELECT_SEND;
      rk__chan_enqueue(cases[i].ch, w, where);
    }
    unlock_all(chs, nch);
    rk__park(g, RK__R_SELECT, where);
    uint32_t won = atomic_load_explicit(&g->claim, memory_order_acquire) - 1;
    rk_assert(won < n && cases[won].ch);
    lock_all(chs, nch);
    for (size_t i = 0; i < n; i++)
      if (cases[i].ch && i != won)
        rk__chan_dequeue(cases[i].ch, &wv[i]);
    unlock_all(chs, nch);
    rk__waiter *w = &wv[won];
    rk_select_case *c = &cases[won];
    const bool send_closed = w->closed && c->op == RK_SELECT_SEND;
    if (!w->retry && !send_closed) {
      if (w->closed) {
        if (c->elem)
          rk__zero(c->elem, rk__chan_esize(c->ch));
        if (c->ok)
          *c->ok = false;
      } else if (c->op == RK_SELECT_RECV && c->ok) {
        *c->ok = true;
      }
      rk__chan_wake_edges(c->ch, w, where);
    }
    for (size_t i = 0; i < nch; i++)
      rk_chan_release(chs[i]); /* the last reference may go here: no channel access after */
    if (w->retry)
      continue;
    if (send_closed)
      rk_panic_at(where, "send on closed channel");
    result = (int)won;
    goto out;
  }
out:
  if (n > RK__SELECT_STACK) {
    rk__free(ord);
    rk__free(chs);
    rk__free(wv);
  }
  return result;
}

int(rk_select)(rk_select_case *cases, size_t n, int flags) {
  return rk_select_at(cases, n, flags, RK__CALLER());
}
