/* SPDX-License-Identifier: MIT */
/* Channels: buffered and unbuffered, FIFO, close, reference counting, and
 * the locked primitives select.c builds on.
 *
 * DESIGN: like Go's runtime/chan.go, each channel has one lock (an internal
 * futex lock, invisible to checkers) guarding the ring buffer and two queues
 * of parked waiters. Blocked waiters spin on their G's park word before
 * sleeping, so a hand-off between running goroutines costs tens of ns.
 *
 * Happens-before edges (DESIGN.md §1), reported where Go's race runtime
 * puts them:
 * - buffered: send k acquires and releases slot k%C's address; receive k
 *   acquires and releases it. So send k -> receive k, and receive k ->
 *   send k+C, and nothing else (a receive does not order the sender's later
 *   accesses). There is no direct hand-off to a parked receiver on a
 *   buffered channel: the sender fills the slot and wakes the receiver,
 *   which takes a value from the buffer itself. When a receive frees room
 *   for a parked sender it moves that sender's value into the tail (FIFO);
 *   the sender released its pre-send state on a cell of its own for that
 *   one operation, which the receiver of that value acquires.
 * - unbuffered: a parked party releases its G's sync address before it can
 *   be matched; the counterpart acquires it (send -> receive, and receive
 *   -> send completes), then releases it; the parked party acquires it on
 *   waking.
 * - close releases the channel's close address; a receive that returns
 *   because the channel is closed acquires it. */
#include "internal.h"

#include <sched.h>
#include <stdlib.h>

struct rk_chan {
  rk__lock lock;
  _Atomic uint32_t closed;     /* written under lock; read lock-free (hints) */
  _Atomic size_t count;        /* buffered values; written under lock */
  _Atomic uint32_t recvq_busy; /* recvq non-empty; written under lock (hint) */
  _Atomic uint32_t sendq_busy; /* sendq non-empty; written under lock (hint) */
  size_t cap, esize;           /* immutable */
  size_t sendx, recvx;         /* guarded by lock */
  uint64_t nsent, nrecv;       /* completed sends/receives; guarded by lock */
  rk__waitq recvq, sendq;      /* guarded by lock */
  _Atomic long refs;
  const void *ctx;             /* owning context; set before publish */
  unsigned char *buf;          /* cap * esize bytes; guarded by lock */
  void **cells;                /* per slot: the moved value's HB cell; guarded by lock */
  char *slot_sync;             /* cap bytes: per-slot HB addresses */
  char close_sync;             /* HB address of close */
};

rk_chan *rk_chan_make(size_t elem_size, size_t cap) {
  size_t head = (sizeof(struct rk_chan) + 15) & ~(size_t)15;
  if (cap && elem_size > (SIZE_MAX / 2) / cap)
    return NULL;
  size_t bufsz = (cap * elem_size + 15) & ~(size_t)15;
  size_t cellsz = cap * sizeof(void *);
  if (cap > (SIZE_MAX / 4) / (sizeof(void *) + 1))
    return NULL;
  rk_chan *ch = rk__calloc(1, head + bufsz + cellsz + cap + 1);
  if (!ch)
    return NULL;
  ch->cap = cap;
  ch->esize = elem_size;
  ch->buf = (unsigned char *)ch + head;
  ch->cells = (void **)(ch->buf + bufsz);
  ch->slot_sync = (char *)(ch->cells + cap);
  atomic_store_explicit(&ch->refs, 1, memory_order_relaxed);
  return ch;
}

void rk_chan_retain(rk_chan *ch) {
  if (ch)
    atomic_fetch_add_explicit(&ch->refs, 1, memory_order_relaxed);
}


void rk_chan_release(rk_chan *ch) {
  if (!ch || atomic_fetch_sub_explicit(&ch->refs, 1, memory_order_acq_rel) != 1)
    return;
  rk__free(ch);
}

void rk__chan_set_ctx(rk_chan *ch, const void *ctx) { ch->ctx = ctx; }
void rk__chan_lock(rk_chan *ch) { rk__lock_acquire(&ch->lock); }
void rk__chan_unlock(rk_chan *ch) { rk__lock_release(&ch->lock); }

size_t rk_chan_len(rk_chan *ch) {
  return ch ? atomic_load_explicit(&ch->count, memory_order_relaxed) : 0;
}
size_t rk_chan_cap(rk_chan *ch) { return ch ? ch->cap : 0; }
size_t rk__chan_esize(rk_chan *ch) { return ch->esize; }

static inline void hints(rk_chan *ch) {
  atomic_store_explicit(&ch->recvq_busy, ch->recvq.head != NULL, memory_order_relaxed);
  atomic_store_explicit(&ch->sendq_busy, ch->sendq.head != NULL, memory_order_relaxed);
}

static inline size_t next_slot(rk_chan *ch, size_t i) { return i + 1 == ch->cap ? 0 : i + 1; }

static inline const void *ev_obj(rk_chan *ch) { return ch->ctx ? ch->ctx : ch; }

/* Lock-free readiness hint (may be stale either way; callers re-check
   under the lock before acting or blocking). */
bool rk__chan_maybe_ready(rk_chan *ch, bool send) {
  if (atomic_load_explicit(&ch->closed, memory_order_relaxed))
    return true;
  if (ch->cap == 0)
    return atomic_load_explicit(send ? &ch->recvq_busy : &ch->sendq_busy, memory_order_relaxed);
  size_t n = atomic_load_explicit(&ch->count, memory_order_relaxed);
  return send ? n < ch->cap : n > 0;
}

int rk__chan_send_locked(rk_chan *ch, const void *elem, rk_srcloc where, rk__g **wake) {
  if (atomic_load_explicit(&ch->closed, memory_order_relaxed))
    return RK__OP_CLOSED;
  if (ch->cap == 0) {
    rk__waiter *w = ch->recvq.head ? rk__wq_claim(&ch->recvq) : NULL;
    hints(ch);
    if (!w)
      return RK__OP_BLOCK;
    uint64_t k = ++ch->nsent;
    ++ch->nrecv;
    if (w->elem)
      rk__copy(w->elem, elem, ch->esize);
    /* HB acquire; pairs with the release in rk__chan_enqueue() by the parked
       receiver: an unbuffered receive happens before its send completes. */
    rk__edge(RK_EV_CHAN_SEND_SLOT, false, ch, w->g->sync, k, where);
    /* HB release; pairs with the acquire in rk__chan_wake_edges() by the
       receiver (the value edge). */
    rk__edge(RK_EV_CHAN_SEND, true, ch, w->g->sync, k, where);
    w->seq = k;
    *wake = w->g;
    return RK__OP_DONE;
  }
  size_t n = atomic_load_explicit(&ch->count, memory_order_relaxed);
  if (n == ch->cap)
    return RK__OP_BLOCK;
  size_t s = ch->sendx;
  uint64_t k = ++ch->nsent;
  /* HB acquire; pairs with the release of receive k-C in
     rk__chan_recv_locked() on this slot (the k+C rule). */
  if (k > ch->cap)
    rk__edge(RK_EV_CHAN_SEND_SLOT, false, ch, &ch->slot_sync[s], k - ch->cap, where);
  rk__copy(ch->buf + s * ch->esize, elem, ch->esize);
  /* HB release; pairs with the acquire of receive k in
     rk__chan_recv_locked() on this slot. */
  rk__edge(RK_EV_CHAN_SEND, true, ch, &ch->slot_sync[s], k, where);
  ch->sendx = next_slot(ch, s);
  atomic_store_explicit(&ch->count, n + 1, memory_order_relaxed);
  if (ch->recvq.head) {
    /* wake a parked receiver to take a value itself (no hand-off) */
    rk__waiter *w = rk__wq_claim(&ch->recvq);
    hints(ch);
    if (w) {
      w->retry = true;
      *wake = w->g;
    }
  }
  return RK__OP_DONE;
}

static int recv_closed(rk_chan *ch, void *elem, bool *ok, rk_srcloc where) {
  if (elem)
    rk__zero(elem, ch->esize);
  /* HB acquire; pairs with the release in rk_chan_close_at(). */
  rk__edge(ch->ctx ? RK_EV_CONTEXT_DONE : RK_EV_CHAN_RECV_CLOSED, false, ev_obj(ch),
           &ch->close_sync, ch->nrecv, where);
  *ok = false;
  return RK__OP_DONE;
}

int rk__chan_recv_locked(rk_chan *ch, void *elem, bool *ok, rk_srcloc where, rk__g **wake) {
  if (ch->cap == 0) {
    rk__waiter *w = ch->sendq.head ? rk__wq_claim(&ch->sendq) : NULL;
    hints(ch);
    if (w) {
      uint64_t k = ++ch->nrecv;
      ++ch->nsent;
      if (elem)
        rk__copy(elem, w->elem, ch->esize);
      /* HB acquire; pairs with the release in rk__chan_enqueue() by the
         parked sender (the value edge). */
      rk__edge(RK_EV_CHAN_RECV, false, ch, w->g->sync, k, where);
      /* HB release; pairs with the acquire in rk__chan_wake_edges() by the
         sender: an unbuffered receive happens before the send completes. */
      rk__edge(RK_EV_CHAN_RECV_SLOT, true, ch, w->g->sync, k, where);
      w->seq = k;
      *wake = w->g;
      *ok = true;
      return RK__OP_DONE;
    }
    if (atomic_load_explicit(&ch->closed, memory_order_relaxed))
      return recv_closed(ch, elem, ok, where);
    return RK__OP_BLOCK;
  }
  size_t n = atomic_load_explicit(&ch->count, memory_order_relaxed);
  if (n == 0) {
    if (atomic_load_explicit(&ch->closed, memory_order_relaxed))
      return recv_closed(ch, elem, ok, where);
    return RK__OP_BLOCK;
  }
  size_t s = ch->recvx;
  uint64_t k = ++ch->nrecv;
  /* HB acquire; pairs with the release of send k in rk__chan_send_locked()
     on this slot. */
  rk__edge(RK_EV_CHAN_RECV, false, ch, &ch->slot_sync[s], k, where);
  if (ch->cells[s]) {
    /* HB acquire; pairs with the release in rk__chan_enqueue() by the
       sender whose value was moved into this slot. */
    rk__edge(RK_EV_CHAN_RECV, false, ch, ch->cells[s], k, where);
    ch->cells[s] = NULL;
  }
  if (elem)
    rk__copy(elem, ch->buf + s * ch->esize, ch->esize);
  /* HB release; pairs with the acquire of send k+C in
     rk__chan_send_locked() on this slot (the k+C rule). */
  rk__edge(RK_EV_CHAN_RECV_SLOT, true, ch, &ch->slot_sync[s], k, where);
  ch->recvx = next_slot(ch, s);
  n--;
  if (ch->sendq.head) {
    /* room for the first parked sender: move its value into the tail */
    rk__waiter *w = rk__wq_claim(&ch->sendq);
    hints(ch);
    if (w) {
      size_t t = ch->sendx;
      ++ch->nsent;
      rk__copy(ch->buf + t * ch->esize, w->elem, ch->esize);
      ch->cells[t] = w->cell;
      w->cell = NULL;
      /* HB release; pairs with the acquire in rk__chan_wake_edges() by the
         sender: receive k happens before send k+C completes. */
      rk__edge(RK_EV_CHAN_RECV_SLOT, true, ch, w->g->sync, k, where);
      w->seq = k;
      ch->sendx = next_slot(ch, t);
      n++;
      *wake = w->g;
    }
  }
  atomic_store_explicit(&ch->count, n, memory_order_relaxed);
  *ok = true;
  return RK__OP_DONE;
}

void rk__chan_enqueue(rk_chan *ch, rk__waiter *w, rk_srcloc where) {
  w->ch = ch;
  w->closed = w->retry = false;
  w->cell = NULL;
  if (rk__unlikely(rk__edges())) {
    if (ch->cap == 0) {
      /* HB release; pairs with the acquire by the counterpart in
         rk__chan_send_locked()/rk__chan_recv_locked(). */
      rk__edge_slow(w->is_send ? RK_EV_CHAN_SEND : RK_EV_CHAN_RECV_SLOT, true, ch, w->g->sync,
                    0, where);
    } else if (w->is_send) {
      /* A cell for this one operation: if a receiver moves our value into
         the buffer, the receiver of that value acquires it. HB release;
         pairs with the acquire in rk__chan_recv_locked(). */
      w->cell = rk__sync_fresh();
      rk__edge_slow(RK_EV_CHAN_SEND, true, ch, w->cell ? w->cell : w->g->sync, 0,
                    where);
    }
  }
  rk__wq_push(w->is_send ? &ch->sendq : &ch->recvq, w);
  hints(ch);
}

void rk__chan_dequeue(rk_chan *ch, rk__waiter *w) {
  if (w->queued) {
    rk__wq_remove(w->is_send ? &ch->sendq : &ch->recvq, w);
    hints(ch);
  }
}

void rk__chan_wake_edges(rk_chan *ch, rk__waiter *w, rk_srcloc where) {
  if (w->closed) {
    if (!w->is_send)
      /* HB acquire; pairs with the release in rk_chan_close_at(). */
      rk__edge(ch->ctx ? RK_EV_CONTEXT_DONE : RK_EV_CHAN_RECV_CLOSED, false, ev_obj(ch),
               &ch->close_sync, 0, where);
    return;
  }
  /* HB acquire; pairs with the release by the counterpart in
     rk__chan_send_locked()/rk__chan_recv_locked(). */
  rk__edge(w->is_send ? RK_EV_CHAN_SEND_SLOT : RK_EV_CHAN_RECV, false, ch, w->g->sync, w->seq,
           where);
}

/* ------------------------------------------------------------ blocking API */

/* A buffered channel that would block: wait a little for it to become
   ready without queueing (so a fast peer never has to wake us). */
#define RK__CHAN_SPIN 100
#define RK__CHAN_YIELDS 20
static bool spin_ready(rk_chan *ch, bool send) {
  rk__g *g = rk__cur;
  bool mn = g && g->mn;
  /* on the M:N scheduler the peer may be waiting for this very thread */
  if (mn && rk__mn_local_work())
    return false;
  for (int i = 0; i < RK__CHAN_SPIN; i++) {
    if (rk__chan_maybe_ready(ch, send))
      return true;
    rk__pause();
  }
  if (mn)
    return false; /* a thread yield would not run the peer */
  for (int i = 0; i < RK__CHAN_YIELDS; i++) {
    sched_yield();
    if (rk__chan_maybe_ready(ch, send))
      return true;
  }
  return false;
}

int rk_chan_send_at(rk_chan *ch, const void *elem, rk_srcloc where) {
  if (!ch)
    rk__park_forever(RK__R_CHAN_SEND_NIL, where);
  if (!elem && ch->esize)
    return RK_EINVAL;
  bool spun = ch->cap == 0;
  for (;;) {
    rk__g *wake = NULL;
    rk__lock_acquire(&ch->lock);
    int r = rk__chan_send_locked(ch, elem, where, &wake);
    if (rk__likely(r == RK__OP_DONE)) {
      rk__lock_release(&ch->lock);
      if (wake)
        rk__unpark(wake);
      return 0;
    }
    if (r == RK__OP_CLOSED) {
      rk__lock_release(&ch->lock);
      rk_panic_at(where, "send on closed channel");
    }
    if (!spun) {
      rk__lock_release(&ch->lock);
      spun = true;
      spin_ready(ch, true);
      continue;
    }
    rk__g *g = rk__self();
    rk__waiter w = {0};
    w.g = g;
    w.elem = (void *)elem;
    w.is_send = true;
    rk__park_prepare(g);
    rk__chan_enqueue(ch, &w, where);
    rk__lock_release(&ch->lock);
    rk__park(g, RK__R_CHAN_SEND, where);
    if (w.closed) {
      rk_panic_at(where, "send on closed channel");
    }
    rk__chan_wake_edges(ch, &w, where);
    return 0;
  }
}

int rk_chan_recv_at(rk_chan *ch, void *elem, bool *ok, rk_srcloc where) {
  if (!ch)
    rk__park_forever(RK__R_CHAN_RECV_NIL, where);
  bool okv = false;
  bool spun = ch->cap == 0;
  for (;;) {
    rk__g *wake = NULL;
    rk__lock_acquire(&ch->lock);
    int r = rk__chan_recv_locked(ch, elem, &okv, where, &wake);
    if (rk__likely(r == RK__OP_DONE)) {
      rk__lock_release(&ch->lock);
      if (wake)
        rk__unpark(wake);
      break;
    }
    if (!spun) {
      rk__lock_release(&ch->lock);
      spun = true;
      spin_ready(ch, false);
      continue;
    }
    rk__g *g = rk__self();
    rk__waiter w = {0};
    w.g = g;
    w.elem = elem;
    rk__park_prepare(g);
    rk__chan_enqueue(ch, &w, where);
    rk__lock_release(&ch->lock);
    rk__park(g, RK__R_CHAN_RECV, where);
    if (w.retry) {
      spun = ch->cap == 0;
      continue;
    }
    if (w.closed && elem)
      rk__zero(elem, ch->esize);
    okv = !w.closed;
    rk__chan_wake_edges(ch, &w, where);
    break;
  }
  if (ok)
    *ok = okv;
  return 0;
}

int rk_chan_try_send_at(rk_chan *ch, const void *elem, rk_srcloc where) {
  if (!ch)
    return RK_EAGAIN;
  if (!elem && ch->esize)
    return RK_EINVAL;
  if (!rk__chan_maybe_ready(ch, true))
    return RK_EAGAIN;
  rk__g *wake = NULL;
  rk__lock_acquire(&ch->lock);
  int r = rk__chan_send_locked(ch, elem, where, &wake);
  rk__lock_release(&ch->lock);
  if (r == RK__OP_CLOSED)
    rk_panic_at(where, "send on closed channel");
  if (wake)
    rk__unpark(wake);
  return r == RK__OP_DONE ? 0 : RK_EAGAIN;
}

int rk_chan_try_recv_at(rk_chan *ch, void *elem, bool *ok, rk_srcloc where) {
  if (!ch)
    return RK_EAGAIN;
  if (!rk__chan_maybe_ready(ch, false))
    return RK_EAGAIN;
  rk__g *wake = NULL;
  bool okv = false;
  rk__lock_acquire(&ch->lock);
  int r = rk__chan_recv_locked(ch, elem, &okv, where, &wake);
  rk__lock_release(&ch->lock);
  if (wake)
    rk__unpark(wake);
  if (r != RK__OP_DONE)
    return RK_EAGAIN;
  if (ok)
    *ok = okv;
  return 0;
}

int rk_chan_close_at(rk_chan *ch, rk_srcloc where) {
  if (!ch)
    rk_panic_at(where, "close of nil channel");
  /* HB release; pairs with the acquire in recv_closed() and
     rk__chan_wake_edges() of a receive that returns because closed. */
  rk__edge(ch->ctx ? RK_EV_CONTEXT_CANCEL : RK_EV_CHAN_CLOSE, true, ev_obj(ch), &ch->close_sync,
           0, where);
  rk__lock_acquire(&ch->lock);
  if (atomic_load_explicit(&ch->closed, memory_order_relaxed)) {
    rk__lock_release(&ch->lock);
    rk_panic_at(where, "close of closed channel");
  }
  atomic_store_explicit(&ch->closed, 1, memory_order_relaxed);
  rk__waiter *list = NULL, *w;
  while ((w = rk__wq_claim(&ch->recvq)) != NULL) {
    w->closed = true;
    w->wake_next = list;
    list = w;
  }
  while ((w = rk__wq_claim(&ch->sendq)) != NULL) {
    w->closed = true;
    w->wake_next = list;
    list = w;
  }
  hints(ch);
  rk__lock_release(&ch->lock);
  while (list) {
    w = list;
    list = w->wake_next; /* read before the wake: w lives on its G's stack */
    rk__unpark(w->g);
  }
  return 0;
}

/* ------------------------------------------------------------ timer side */

bool rk__chan_timer_send(rk_chan *ch, const void *elem) {
  rk__g *wake = NULL;
  rk__lock_acquire(&ch->lock);
  int r = rk__chan_send_locked(ch, elem, RK_HERE, &wake);
  rk__lock_release(&ch->lock);
  if (wake)
    rk__unpark(wake);
  return r == RK__OP_DONE;
}

void rk__chan_drain(rk_chan *ch) {
  rk__lock_acquire(&ch->lock);
  size_t n = atomic_load_explicit(&ch->count, memory_order_relaxed);
  while (n > 0) {
    size_t s = ch->recvx;
    ch->cells[s] = NULL;
    ch->recvx = next_slot(ch, s);
    ch->nrecv++;
    n--;
  }
  atomic_store_explicit(&ch->count, 0, memory_order_relaxed);
  rk__lock_release(&ch->lock);
}

/* ---------------------------------------------- plain-function versions */

int(rk_chan_send)(rk_chan *ch, const void *elem) { return rk_chan_send_at(ch, elem, RK__CALLER()); }
int(rk_chan_recv)(rk_chan *ch, void *elem, bool *ok) {
  return rk_chan_recv_at(ch, elem, ok, RK__CALLER());
}
int(rk_chan_try_send)(rk_chan *ch, const void *elem) {
  return rk_chan_try_send_at(ch, elem, RK__CALLER());
}
int(rk_chan_try_recv)(rk_chan *ch, void *elem, bool *ok) {
  return rk_chan_try_recv_at(ch, elem, ok, RK__CALLER());
}
int(rk_chan_close)(rk_chan *ch) { return rk_chan_close_at(ch, RK__CALLER()); }
