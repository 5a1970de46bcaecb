/* SPDX-License-Identifier: MIT */
/* Reporting happens-before edges: ThreadSanitizer's annotations through weak
 * references, the user's hook and a checker's __racekit_event.
 *
 * DESIGN: every edge of the contract (DESIGN.md §1) funnels through
 * rk__edge_slow(). It is called only when rk__edges_on is set, so a plain
 * build pays one relaxed load and a branch per operation. */
#include "internal.h"

extern void __racekit_event(const rk_event *ev) __attribute__((weak));

_Atomic int rk__edges_on; /* public: read by the header's inline fast paths */
RK__TLS bool rk__quiet;

/* guarded by hook_lock for writers; readers load the pair racily, which is
   fine: a hook is installed or removed while no operation should be in
   flight, and both fields are atomic. */
static _Atomic(rk_event_hook) hook;
static _Atomic(void *) hook_arg;

static int base_edges(void) {
  return (__tsan_release != NULL || __tsan_acquire != NULL || __racekit_event != NULL) ? 1 : 0;
}

__attribute__((constructor)) static void edges_init(void) {
  atomic_store_explicit(&rk__edges_on, base_edges(), memory_order_relaxed);
}

void rk_event_set_hook(rk_event_hook h, void *arg) {
  atomic_store(&hook_arg, arg);
  atomic_store(&hook, h);
  atomic_store(&rk__edges_on, (h != NULL) | base_edges());
}

void rk__edge_slow(rk_event_kind kind, bool release, const void *obj,
                   const void *addr, uint64_t seq, rk_srcloc where) {
  if (rk__quiet)
    return; /* the timer thread: no edge but the value (DESIGN.md §1) */
  if (addr == NULL) {
    /* the edge is made otherwise (a thread creation): event only */
  } else if (release) {
    if (__tsan_release)
      __tsan_release((void *)addr);
  } else {
    if (__tsan_acquire)
      __tsan_acquire((void *)addr);
  }
  rk_event_hook h = atomic_load_explicit(&hook, memory_order_acquire);
  if (h == NULL && __racekit_event == NULL)
    return;
  rk__g *g = rk__cur;
  rk_event ev;
  ev.kind = kind;
  ev.release = release;
  ev.obj = obj;
  ev.addr = addr;
  ev.seq = seq;
  ev.goid = g ? g->goid : rk_goid();
  ev.where = where;
  if (h)
    h(&ev, atomic_load_explicit(&hook_arg, memory_order_relaxed));
  if (__racekit_event)
    __racekit_event(&ev);
}

const char *rk_event_kind_name(rk_event_kind kind) {
  switch (kind) {
  case RK_EV_GO: return "go";
  case RK_EV_GO_START: return "go start";
  case RK_EV_CHAN_SEND: return "chan send";
  case RK_EV_CHAN_RECV: return "chan receive";
  case RK_EV_CHAN_RECV_SLOT: return "chan receive (slot)";
  case RK_EV_CHAN_SEND_SLOT: return "chan send (slot)";
  case RK_EV_CHAN_CLOSE: return "chan close";
  case RK_EV_CHAN_RECV_CLOSED: return "chan receive (closed)";
  case RK_EV_MUTEX_UNLOCK: return "Mutex.Unlock";
  case RK_EV_MUTEX_LOCK: return "Mutex.Lock";
  case RK_EV_RWMUTEX_RUNLOCK: return "RWMutex.RUnlock";
  case RK_EV_RWMUTEX_RLOCK: return "RWMutex.RLock";
  case RK_EV_RWMUTEX_UNLOCK: return "RWMutex.Unlock";
  case RK_EV_RWMUTEX_LOCK: return "RWMutex.Lock";
  case RK_EV_WG_DONE: return "WaitGroup.Done";
  case RK_EV_WG_WAIT: return "WaitGroup.Wait";
  case RK_EV_ONCE_DONE: return "Once.Do (fn returned)";
  case RK_EV_ONCE_RETURN: return "Once.Do";
  case RK_EV_CONTEXT_CANCEL: return "context cancel";
  case RK_EV_CONTEXT_DONE: return "context done";
  }
  return "unknown";
}
