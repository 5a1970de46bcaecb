/* SPDX-License-Identifier: MIT */
/* Private declarations shared by the racekit library sources: the internal
 * futex lock, goroutine records (rk__g), parking, waiter queues, the
 * happens-before edge reporter, the pool and the timer thread.
 *
 * DESIGN: the library is never instrumented. Its own locks and atomics are
 * invisible to race checkers; the only synchronization a checker sees is
 * what rk__edge() reports (and each goroutine's thread). So nothing in
 * here may use pthread mutexes, condition variables, pthread_once or the
 * libc memcpy/memset family on memory shared between goroutines (a checker
 * intercepts those): copies go through rk__copy()/rk__zero(). */
#ifndef RACEKIT_SRC_INTERNAL_H
#define RACEKIT_SRC_INTERNAL_H

#include <racekit/racekit.h>

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define rk__likely(x) __builtin_expect(!!(x), 1)
#define rk__unlikely(x) __builtin_expect(!!(x), 0)
#define RK__TLS __thread __attribute__((tls_model("initial-exec")))

/* Internal invariant check: never compiled out. */
#define rk_assert(cond)                                                        \
  do {                                                                         \
    if (rk__unlikely(!(cond)))                                                 \
      rk__assert_fail(#cond, __FILE__, __LINE__);                              \
  } while (0)
_Noreturn void rk__assert_fail(const char *what, const char *file, int line);

static inline void rk__pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield" ::: "memory");
#else
  __asm__ __volatile__("" ::: "memory");
#endif
}

/* ------------------------------------------------------------- futex, lock */

/* Wait while *addr == val; abs_ns: CLOCK_MONOTONIC deadline or -1. Returns
   false on timeout. Spurious returns are possible. */
bool rk__futex_wait(_Atomic uint32_t *addr, uint32_t val, int64_t abs_ns);
void rk__futex_wake(_Atomic uint32_t *addr, int n);

/* Internal lock: 0 free, 1 locked, 2 locked with sleepers. Short critical
   sections only; spins, then sleeps on a futex. Invisible to checkers. */
typedef struct rk__lock {
  _Atomic uint32_t v;
} rk__lock;

void rk__lock_slow(rk__lock *l);
static inline void rk__lock_acquire(rk__lock *l) {
  uint32_t z = 0;
  if (!atomic_compare_exchange_weak_explicit(&l->v, &z, 1, memory_order_acquire,
                                             memory_order_relaxed))
    rk__lock_slow(l);
}
static inline void rk__lock_release(rk__lock *l) {
  if (atomic_exchange_explicit(&l->v, 0, memory_order_release) == 2)
    rk__futex_wake(&l->v, 1);
}

/* --------------------------------------------------------- copy and zero */

typedef uint16_t __attribute__((may_alias, aligned(1))) rk__u16u;
typedef uint32_t __attribute__((may_alias, aligned(1))) rk__u32u;
typedef uint64_t __attribute__((may_alias, aligned(1))) rk__u64u;

void rk__copy_slow(void *dst, const void *src, size_t n);
void rk__zero_slow(void *dst, size_t n);

/* memcpy that no checker intercepts (the library's copies of elements are
   not accesses of the program). */
static inline void rk__copy(void *dst, const void *src, size_t n) {
  switch (n) {
  case 0: return;
  case 1: *(unsigned char *)dst = *(const unsigned char *)src; return;
  case 2: *(rk__u16u *)dst = *(const rk__u16u *)src; return;
  case 4: *(rk__u32u *)dst = *(const rk__u32u *)src; return;
  case 8: *(rk__u64u *)dst = *(const rk__u64u *)src; return;
  case 16:
    ((rk__u64u *)dst)[0] = ((const rk__u64u *)src)[0];
    ((rk__u64u *)dst)[1] = ((const rk__u64u *)src)[1];
    return;
  default: rk__copy_slow(dst, src, n);
  }
}
static inline void rk__zero(void *dst, size_t n) {
  switch (n) {
  case 0: return;
  case 4: *(rk__u32u *)dst = 0; return;
  case 8: *(rk__u64u *)dst = 0; return;
  default: rk__zero_slow(dst, n);
  }
}

/* ------------------------------------------------------------------ edges */

/* Nonzero when someone consumes edges: ThreadSanitizer's annotations, a
   hook, or a checker's __racekit_event. Written at start-up and by
   rk_event_set_hook; relaxed reads (a hook installed concurrently with
   operations may miss those operations, as documented). */
extern _Atomic int rk__edges_on;

void rk__edge_slow(rk_event_kind kind, bool release, const void *obj,
                   const void *addr, uint64_t seq, rk_srcloc where);
static inline bool rk__edges(void) {
  return atomic_load_explicit(&rk__edges_on, memory_order_relaxed) != 0;
}
/* Report one happens-before edge half. Release before the state change
   that publishes the operation; acquire after observing it. */
#define rk__edge(kind, rel, obj, addr, seq, where)                             \
  do {                                                                         \
    if (rk__unlikely(rk__edges()))                                             \
      rk__edge_slow((kind), (rel), (obj), (addr), (seq), (where));             \
  } while (0)

/* ThreadSanitizer's annotations, weak: NULL without a checker. */
extern void __tsan_acquire(void *addr) __attribute__((weak));
extern void __tsan_release(void *addr) __attribute__((weak));

/* Thread-local: when set, edges made by this thread are not reported (the
   timer thread: its sends and cancels carry no edge but the value). */
extern RK__TLS bool rk__quiet;

/* -------------------------------------------------------------- goroutines */

/* Wait reasons, as Go prints them in a deadlock dump. */
enum rk__reason {
  RK__R_NONE = 0,
  RK__R_CHAN_SEND,
  RK__R_CHAN_RECV,
  RK__R_SELECT,
  RK__R_SELECT_NO_CASES,
  RK__R_CHAN_SEND_NIL,
  RK__R_CHAN_RECV_NIL,
  RK__R_WG_WAIT,
  RK__R_MUTEX_LOCK,
  RK__R_RWMUTEX_LOCK,
  RK__R_RWMUTEX_RLOCK,
  RK__R_ONCE,
};
const char *rk__reason_name(int reason);

/* Park word states. */
enum { RK__PARK_WAIT = 0, RK__PARK_SLEEP = 1, RK__PARK_WOKEN = 2 };

/* G states. */
enum { RK__G_FREE = 0, RK__G_QUEUED, RK__G_LIVE };

/* A goroutine, or a plain thread (main included) that called racekit.
   Records are recycled through a free list and never freed, so a waker may
   touch a record after its owner moved on. */
typedef struct rk__g {
  /* atomic futex word: the owner waits for WOKEN; a waker exchanges it. */
  _Atomic uint32_t park;
  /* atomic: 0 open; index+1 of the waiter that won. CAS by a counterpart,
     always under the lock of the channel (or queue) holding that waiter. */
  _Atomic uint32_t claim;
  _Atomic uint32_t state;      /* RK__G_*; written by the owner/pool */
  long goid;                   /* written before publish (rk_go/registration) */
  bool is_thread;              /* plain thread, not a goroutine */
  pid_t tid;                   /* registered threads: their tid */
  void (*fn)(void *);          /* owned by the pool while queued */
  void *arg;
  rk_srcloc created;           /* rk_go call site; immutable while live */
  long creator;                /* goid of the rk_go caller */
  /* written by the owner before it sleeps, read by the deadlock detector
     only once every goroutine is asleep (atomic int, relaxed) */
  _Atomic int reason;
  rk_srcloc wait_where;
  uint64_t rng;                /* owner only: select's PRNG */
  int spin;                    /* owner only: adaptive spin budget (park.c) */
  struct rk__g *next;          /* run queue or free list; guarded by their locks */
  struct rk__g *all_next;      /* registry; immutable after publish */
  /* Per-goroutine happens-before address: the inbox/outbox of blocking
     operations (see chan.c). Only counterparts that claimed this G's waiter
     acquire from it, and only this G acquires on wake. Set by g_alloc() for
     each new goroutine and immutable while it lives: under a checker it is
     an address never used before (sched.c fresh_sync), so a recycled
     record does not hand its previous goroutine's history to the next. */
  void *sync;
  char sync_own; /* the address when no checker is linked */
  /* M:N scheduler (mn.c). mn: this G is switched by the scheduler (a
     goroutine, or the main thread's G) instead of sleeping on its park
     word; written before the G is published, immutable while it lives.
     sp: its saved context while it is not running; written only by the
     rk__ctx_switch that suspends it, read by the M that resumes it after
     it saw saved == 1 (acquire). saved: 0 while some CPU may still use
     the context (set by the owner before it becomes resumable), 1 once
     rk__ctx_switch has stored it. stack: its own stack (RK__STACK_SIZE
     bytes, kept with the record when it is recycled). */
  bool mn;
  void *sp;
  _Atomic uint32_t saved;
  void *stack;
  /* AddressSanitizer's view of this G's stack (mn.c): bounds, immutable
     while it lives; fake stack saved by the switch that suspends it. */
  const void *san_bottom;
  size_t san_size;
  void *san_fake;
} rk__g;

extern RK__TLS rk__g *rk__cur;
rk__g *rk__g_register(void); /* slow path of rk__self() */
static inline rk__g *rk__self(void) {
  rk__g *g = rk__cur;
  return rk__likely(g != NULL) ? g : rk__g_register();
}
/* First node of the registry of every G record ever made. */
rk__g *rk__g_all(void);

int64_t rk__now(void);
/* Uniform random integer in [0, n). Owner's PRNG. */
static inline uint32_t rk__rand(rk__g *g, uint32_t n) {
  uint64_t x = g->rng;
  if (rk__unlikely(x == 0))
    x = ((uint64_t)(uintptr_t)g * 0x9E3779B97F4A7C15ull) ^ (uint64_t)rk__now() ^ 0x2545F4914F6CDD1Dull;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  g->rng = x;
  return (uint32_t)(((x >> 32) * (uint64_t)n) >> 32);
}

/* -------------------------------------------------------------- parking */

/* Counters for the deadlock detector. rk__running: live Gs (queued,
   running, or blocked outside racekit) that are not asleep in rk__park.
   Changed only when a G sleeps / is woken / starts / ends, never on fast
   paths. */
extern _Atomic long rk__running;

/* Block the calling G until rk__unpark(g): g->park must have been set to
   RK__PARK_WAIT before the G was made visible to wakers. Spins first. */
void rk__park(rk__g *g, int reason, rk_srcloc where);
/* Block forever (nil channel, empty select). */
_Noreturn void rk__park_forever(int reason, rk_srcloc where);
void rk__unpark(rk__g *g);
static inline void rk__park_prepare(rk__g *g) {
  atomic_store_explicit(&g->park, RK__PARK_WAIT, memory_order_relaxed);
  atomic_store_explicit(&g->claim, 0, memory_order_relaxed);
}
/* A G was added or ended: keep rk__running and wake the detector. */
void rk__running_add(long d);
/* Deadlock detector, run by the timer thread. Returns the delay in ns
   until it wants to run again, or -1 when idle. */
int64_t rk__deadlock_poll(int64_t now);
/* Thread bookkeeping for the detector: racekit's own threads. */
void rk__thread_known(pid_t tid, bool known);
/* Start a detached racekit-owned thread (sched.c); 0 on success. The first
   one is bracketed by thread snapshots (park.c): threads that appear then
   besides ours belong to a sanitizer, not to the program. */
int rk__thread_start(void *(*fn)(void *), void *arg);
void rk__threads_snapshot_before(void);
void rk__threads_snapshot_after(pid_t child);
pid_t rk__gettid(void);

/* ------------------------------------------------- M:N scheduler (mn.c) */

/* Usable bytes of a goroutine stack (ctx.c); virtual, touched on demand. */
#define RK__STACK_SIZE ((size_t)1 << 20)

/* ctx.c: the context switch (see its DESIGN) and stacks. */
bool rk__ctx_supported(void);
void rk__ctx_switch(void **save, void *load, _Atomic uint32_t *saved);
void *rk__ctx_make(void *top, void (*fn)(void *), void *arg);
void *rk__stack_alloc(void);

/* True when goroutines run on the M:N scheduler: no race checker (each
   goroutine is then a thread of its own), no MSan runtime (not told about
   switches; ASan is, mn.c), and a context switch for this architecture.
   Constant for the process. */
bool rk__mn_enabled(void);
/* The main thread's G becomes a scheduled G (mn.c). */
void rk__mn_adopt_main(rk__g *g);
/* Start a new goroutine (g->fn, g->arg set; stack allocated). */
int rk__mn_spawn(rk__g *g);
/* rk__park / rk__unpark / rk__park_forever for a G with g->mn. */
void rk__mn_park(rk__g *g, int reason, rk_srcloc where);
void rk__mn_ready(rk__g *g);
_Noreturn void rk__mn_park_forever(rk__g *g);
/* The calling G runs on the scheduler and its processor has other
   goroutines waiting: do not spin waiting for a peer, park. */
bool rk__mn_local_work(void);
/* sched.c, used by mn.c: recycle an ended goroutine's record; the
   goroutine's first frame (start edge, fn). */
void rk__g_free(rk__g *g);
void rk__g_run(rk__g *g);

/* ----------------------------------------------------------- waiter queues */

typedef struct rk__waiter {
  struct rk__waiter *prev, *next; /* guarded by the queue's lock */
  rk__g *g;                       /* immutable while queued */
  void *elem;                     /* send: source; recv: destination */
  rk_chan *ch;                    /* select: the case's channel */
  void *cell;                     /* per-operation HB cell (buffered send) */
  uint64_t seq;                   /* set by the counterpart: operation number */
  uint32_t index;                 /* claim value is index + 1 */
  bool queued;                    /* guarded by the queue's lock */
  bool closed;                    /* set by the counterpart before unpark */
  bool retry;                     /* woken to retry (buffered channel) */
  bool is_send;
  bool flag;                      /* free use by the queue's owner */
  struct rk__waiter *wake_next;   /* local wake lists */
} rk__waiter;

typedef struct rk__waitq {
  rk__waiter *head, *tail; /* guarded by the owner's lock */
} rk__waitq;

static inline void rk__wq_push(rk__waitq *q, rk__waiter *w) {
  w->next = NULL;
  w->prev = q->tail;
  if (q->tail)
    q->tail->next = w;
  else
    q->head = w;
  q->tail = w;
  w->queued = true;
}
static inline void rk__wq_remove(rk__waitq *q, rk__waiter *w) {
  if (w->prev)
    w->prev->next = w->next;
  else
    q->head = w->next;
  if (w->next)
    w->next->prev = w->prev;
  else
    q->tail = w->prev;
  w->next = w->prev = NULL;
  w->queued = false;
}
static inline rk__waiter *rk__wq_pop(rk__waitq *q) {
  rk__waiter *w = q->head;
  if (w)
    rk__wq_remove(q, w);
  return w;
}
/* Pop the first waiter whose G can be claimed (claiming it), dropping
   stale select waiters. NULL if none. Queue lock held. */
static inline rk__waiter *rk__wq_claim(rk__waitq *q) {
  rk__waiter *w;
  while ((w = q->head) != NULL) {
    rk__wq_remove(q, w);
    uint32_t z = 0;
    if (atomic_compare_exchange_strong_explicit(&w->g->claim, &z, w->index + 1,
                                                memory_order_acq_rel,
                                                memory_order_relaxed))
      return w;
  }
  return NULL;
}

/* ------------------------------------------------------------------- pool */

/* The calling G blocks (or unblocks) outside the CPU for a while: the pool
   may start another worker so queued goroutines make progress. */
void rk__pool_blocking(bool entering);
/* Run by the timer thread: add a worker if the run queue is stuck. */
int64_t rk__pool_poll(int64_t now);

/* ------------------------------------------------------------------ timers */

typedef struct rk__timer rk__timer;
typedef void (*rk__timer_fn)(rk__timer *t, int64_t now);
struct rk__timer {
  int64_t when;     /* guarded by the timer lock */
  int64_t period;   /* 0: one-shot */
  size_t index;     /* heap index or SIZE_MAX; guarded by the timer lock */
  rk__timer_fn fn;  /* runs on the timer thread, under the timer lock if
                       locked_fn, else after releasing it */
  bool locked_fn;
  void *arg;
};
void rk__timer_start(rk__timer *t);
/* Remove from the heap; true if it was pending (so fn will not run). */
bool rk__timer_stop(rk__timer *t);
/* Wake the timer thread (starting it if needed) to poll the detector. */
void rk__timer_kick(void);
extern _Atomic long rk__timers_pending;

/* ---------------------------------------------------------------- channels */

/* Send from the timer thread: never blocks, no edges but the value. */
bool rk__chan_timer_send(rk_chan *ch, const void *elem);
/* Drop a buffered element without edges (rk_ticker_stop). */
void rk__chan_drain(rk_chan *ch);
/* A context's done channel: its close/receive events name the context. */
void rk__chan_set_ctx(rk_chan *ch, const void *ctx);

/* select's view of a channel (chan.c). Lock held for the *_locked ones. */
void rk__chan_lock(rk_chan *ch);
void rk__chan_unlock(rk_chan *ch);
bool rk__chan_maybe_ready(rk_chan *ch, bool send);
size_t rk__chan_esize(rk_chan *ch);
enum { RK__OP_DONE = 0, RK__OP_BLOCK, RK__OP_CLOSED };
int rk__chan_send_locked(rk_chan *ch, const void *elem, rk_srcloc where,
                         rk__g **wake);
int rk__chan_recv_locked(rk_chan *ch, void *elem, bool *ok, rk_srcloc where,
                         rk__g **wake);
/* Enqueue / dequeue a parked waiter; edges for parking (outbox). */
void rk__chan_enqueue(rk_chan *ch, rk__waiter *w, rk_srcloc where);
void rk__chan_dequeue(rk_chan *ch, rk__waiter *w);
/* After waking with w claimed: edges of the completed operation. */
void rk__chan_wake_edges(rk_chan *ch, rk__waiter *w, rk_srcloc where);
/* A happens-before address never handed out before (sched.c), for edges
   of one goroutine or one operation: a checker's sync state at a reused
   address would carry earlier history into a later edge. NULL when no
   checker is linked (or the region could not be reserved). Addresses are
   never dereferenced or freed; after 2^25 of them the region wraps. */
void *rk__sync_fresh(void);

/* ------------------------------------------------------------- memory */

/* malloc family for the library's own objects (alloc.c): invisible to a
   race checker's malloc/free race checks. */
void *rk__malloc(size_t n);
void *rk__calloc(size_t n, size_t size);
void *rk__realloc(void *p, size_t n);
void rk__free(void *p);

/* ------------------------------------------------------------- misc */

/* Source location of a plain (non-macro) call, from its return address. */
rk_srcloc rk__caller(void *ret);
#define RK__CALLER() rk__caller(__builtin_return_address(0))

_Noreturn void rk__fatal_at(rk_srcloc where, const char *msg);
unsigned rk__ncpu(void);

#endif /* RACEKIT_SRC_INTERNAL_H */
