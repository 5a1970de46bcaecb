/* SPDX-License-Identifier: MIT */
/* Goroutines: G records, the registry, and how goroutines are run.
 *
 * DESIGN: plain builds run goroutines on the M:N scheduler (mn.c: own
 * stacks, user-level switches; rk__mn_enabled()). Under a race checker each
 * goroutine is a thread of its own (below). The thread pool below is what
 * remains for builds where M:N is off but no checker is present (an MSan
 * runtime, an architecture without a context switch in ctx.c).
 *
 * Pool: rk_go() puts a G on one run queue (FIFO, guarded by pool.lock) and
 * makes sure a worker will take it: an idle spinning worker, else a sleeping
 * one woken through pool.wake_seq, else a new thread while fewer than
 * ncpu workers are running. A goroutine runs to completion on one worker; if
 * it blocks, the worker blocks with it, and rk__pool_blocking() lets the pool
 * start another worker so the queue keeps moving. Idle workers spin briefly,
 * sleep on a futex and exit after RK__IDLE_EXIT_NS.
 *
 * For checkers each goroutine must be its own logical thread: two
 * goroutines that run one after the other on a pooled worker are unordered.
 * ThreadSanitizer's fibers cannot express that here: goroutines share their
 * worker's stack, so two fibers touching the same stack words would be
 * reported as racing. So when a race checker is present (its
 * __tsan_acquire/__tsan_release resolve), each goroutine gets a thread of
 * its own: pthread_create on the rk_go caller is then the rk_go -> fn edge
 * and nothing orders the goroutine's end. Plain builds use the pool. */
#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define RK__IDLE_SPIN 1000
#define RK__IDLE_EXIT_NS (5 * RK_SECOND)
#define RK__SYSMON_NS (5 * RK_MILLISECOND)

RK__TLS rk__g *rk__cur;

/* Registry: every G record ever made (records are never freed). Pushed
   lock-free; nodes immutable after publish. */
static _Atomic(rk__g *) all_gs;
static _Atomic long next_goid = 2; /* 1 is the main thread */

static struct {
  rk__lock lock;              /* guards runq_head/tail, free_list */
  rk__g *runq_head, *runq_tail;
  rk__g *free_list;           /* written under lock; read racily as a hint */
  _Atomic uint32_t runq_len;  /* atomic: seq_cst, Dekker with nsleeping */
  _Atomic uint32_t wake_seq;  /* futex word of sleeping idle workers */
  _Atomic int nworkers;       /* worker threads alive */
  _Atomic int nidle;          /* in the idle loop (spinning or sleeping) */
  _Atomic int nsleeping;      /* asleep on wake_seq */
  _Atomic int nblocked;       /* running a G that is blocked */
  _Atomic int waking;         /* a sleeper was woken and has not looked yet */
  _Atomic int sysmon;         /* the timer thread watches the queue */
  _Atomic uint64_t pops;      /* goroutines taken from the queue */
} pool;

static RK__TLS bool is_worker;

/* A race checker is linked in: one thread per goroutine (see DESIGN). */
static inline bool checker_mode(void) { return __tsan_acquire != NULL || __tsan_release != NULL; }
static pthread_key_t thread_key;
static _Atomic int key_state; /* 0 none, 1 creating, 2 ready */

rk__g *rk__g_all(void) { return atomic_load_explicit(&all_gs, memory_order_acquire); }

/* Per-thread cache of free G records, refilled from / flushed to the
   global free list in batches so spawning takes the pool lock rarely. */
#define RK__GCACHE 64
static RK__TLS rk__g *gcache[RK__GCACHE];
static RK__TLS int ngcache;

/* Fresh happens-before addresses (rk__sync_fresh): 8-byte steps through a
   reserved, inaccessible region. Checkers key sync state by address and
   never dereference it. */
#define RK__SYNC_REGION ((size_t)256 << 20)
static _Atomic(char *) sync_region; /* set once (CAS), then immutable */
static _Atomic size_t sync_next;    /* relaxed: only uniqueness matters */

void *rk__sync_fresh(void) {
  if (!checker_mode())
    return NULL;
  char *base = atomic_load_explicit(&sync_region, memory_order_acquire);
  if (rk__unlikely(!base)) {
    void *m = mmap(NULL, RK__SYNC_REGION, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
      return NULL;
    char *expected = NULL;
    if (atomic_compare_exchange_strong_explicit(&sync_region, &expected, (char *)m,
                                                memory_order_acq_rel, memory_order_acquire))
      base = m;
    else {
      munmap(m, RK__SYNC_REGION);
      base = expected;
    }
  }
  size_t i = atomic_fetch_add_explicit(&sync_next, 8, memory_order_relaxed);
  return base + i % RK__SYNC_REGION;
}

/* A record for a new goroutine, with its own hand-off address (see
   rk__g.sync): a recycled record must not pass the history its previous
   goroutine released there to the new one's counterparts. */
static rk__g *g_fresh(rk__g *g) {
  void *a = rk__sync_fresh();
  g->sync = a ? a : &g->sync_own;
  return g;
}

static rk__g *g_alloc_record(void);
static rk__g *g_alloc(void) {
  rk__g *g = g_alloc_record();
  return g ? g_fresh(g) : NULL;
}

static rk__g *g_alloc_record(void) {
  if (rk__likely(ngcache > 0))
    return gcache[--ngcache];
  if (__atomic_load_n(&pool.free_list, __ATOMIC_RELAXED)) { /* racy hint */
    rk__lock_acquire(&pool.lock);
    while (pool.free_list && ngcache < RK__GCACHE / 2) {
      gcache[ngcache++] = pool.free_list;
      __atomic_store_n(&pool.free_list, pool.free_list->next, __ATOMIC_RELAXED);
    }
    rk__lock_release(&pool.lock);
    if (ngcache > 0)
      return gcache[--ngcache];
  }
  rk__g *g = rk__calloc(1, sizeof *g);
  if (!g)
    return NULL;
  rk__g *head = atomic_load_explicit(&all_gs, memory_order_relaxed);
  do
    g->all_next = head;
  while (!atomic_compare_exchange_weak_explicit(&all_gs, &head, g, memory_order_release,
                                                memory_order_relaxed));
  return g;
}

static void gcache_flush(int keep) {
  if (ngcache <= keep)
    return;
  rk__lock_acquire(&pool.lock);
  while (ngcache > keep) {
    rk__g *g = gcache[--ngcache];
    g->next = pool.free_list;
    __atomic_store_n(&pool.free_list, g, __ATOMIC_RELAXED);
  }
  rk__lock_release(&pool.lock);
}

static void g_free(rk__g *g) {
  atomic_store_explicit(&g->state, RK__G_FREE, memory_order_release);
  if (ngcache == RK__GCACHE)
    gcache_flush(RK__GCACHE / 2);
  gcache[ngcache++] = g;
}

void rk__g_free(rk__g *g) { g_free(g); }


/* A registered plain thread exits: its G ends. */
static void thread_exit(void *p) {
  rk__g *g = p;
  rk__cur = NULL;
  rk__running_add(-1);
  g_free(g);
  gcache_flush(0);
}

static void key_init(void) {
  int s = atomic_load_explicit(&key_state, memory_order_acquire);
  if (s == 2)
    return;
  s = 0;
  if (atomic_compare_exchange_strong(&key_state, &s, 1)) {
    pthread_key_create(&thread_key, thread_exit);
    atomic_store_explicit(&key_state, 2, memory_order_release);
    return;
  }
  while (atomic_load_explicit(&key_state, memory_order_acquire) != 2)
    rk__pause();
}

rk__g *rk__g_register(void) {
  if (rk__cur)
    return rk__cur;
  key_init();
  rk__g *g = g_alloc();
  if (!g)
    rk__fatal_at(RK_HERE, "racekit: out of memory");
  pid_t tid = rk__gettid();
  g->is_thread = true;
  g->tid = tid;
  g->goid = tid == getpid() ? 1 : atomic_fetch_add(&next_goid, 1);
  g->created = (rk_srcloc){NULL, 0, NULL};
  g->creator = 0;
  atomic_store_explicit(&g->reason, RK__R_NONE, memory_order_relaxed);
  g->rng = 0; /* seeded on first use (rk__rand) */
  g->mn = false;
  rk__running_add(1);
  atomic_store_explicit(&g->state, RK__G_LIVE, memory_order_release);
  rk__cur = g;
  pthread_setspecific(thread_key, g);
  /* the main thread's G is scheduled with the goroutines (mn.c) */
  if (g->goid == 1 && rk__mn_enabled())
    rk__mn_adopt_main(g);
  return g;
}

long rk_goid(void) { return rk__self()->goid; }

/* ------------------------------------------------------------------ pool */

void rk__g_run(rk__g *g) {
  atomic_store_explicit(&g->state, RK__G_LIVE, memory_order_relaxed);
  /* HB acquire; pairs with the release in rk_go_at(). With a checker the
     edge is the thread's creation and the event carries no address. */
  if (rk__unlikely(rk__edges()))
    rk__edge_slow(RK_EV_GO_START, false, NULL, checker_mode() ? NULL : (void *)g,
                  (uint64_t)g->goid, g->created);
  g->fn(g->arg);
}

static void run_g(rk__g *g) {
  rk__cur = g;
  rk__g_run(g);
  rk__cur = NULL;
  g_free(g);
  rk__running_add(-1);
}

/* A goroutine on a thread of its own (checker mode). */
static void *g_thread_main(void *arg) {
  run_g(arg);
  gcache_flush(0);
  rk__thread_known(rk__gettid(), false);
  return NULL;
}

static rk__g *runq_pop(void) {
  if (atomic_load_explicit(&pool.runq_len, memory_order_relaxed) == 0)
    return NULL;
  rk__lock_acquire(&pool.lock);
  rk__g *g = pool.runq_head;
  if (g) {
    pool.runq_head = g->next;
    if (!pool.runq_head)
      pool.runq_tail = NULL;
    atomic_fetch_sub(&pool.runq_len, 1);
    atomic_fetch_add_explicit(&pool.pops, 1, memory_order_relaxed);
  }
  rk__lock_release(&pool.lock);
  return g;
}

static void *worker_main(void *arg) {
  (void)arg;
  is_worker = true;
  pthread_setname_np(pthread_self(), "racekit-worker");
  for (;;) {
    rk__g *g = runq_pop();
    if (g) {
      run_g(g);
      continue;
    }
    atomic_fetch_add(&pool.nidle, 1);
    for (int i = 0; i < RK__IDLE_SPIN && !g; i++) {
      if (atomic_load_explicit(&pool.runq_len, memory_order_relaxed))
        g = runq_pop();
      else
        rk__pause();
    }
    if (g) {
      atomic_fetch_sub(&pool.nidle, 1);
      run_g(g);
      continue;
    }
    bool timed_out = false;
    for (;;) {
      uint32_t seq = atomic_load(&pool.wake_seq);
      atomic_fetch_add(&pool.nsleeping, 1);
      if (atomic_load(&pool.runq_len) == 0)
        timed_out = !rk__futex_wait(&pool.wake_seq, seq, rk__now() + RK__IDLE_EXIT_NS);
      atomic_fetch_sub(&pool.nsleeping, 1);
      atomic_store(&pool.waking, 0);
      g = runq_pop();
      if (g || timed_out || atomic_load(&pool.runq_len))
        break;
    }
    atomic_fetch_sub(&pool.nidle, 1);
    if (g) {
      run_g(g);
      continue;
    }
    if (timed_out && atomic_load(&pool.runq_len) == 0)
      break;
  }
  atomic_fetch_sub(&pool.nworkers, 1);
  gcache_flush(0);
  rk__thread_known(rk__gettid(), false);
  /* a G queued while we were leaving must still find a worker */
  if (atomic_load(&pool.runq_len))
    rk__pool_blocking(true), rk__pool_blocking(false);
  return NULL;
}


static void spawn_worker(void) {
  atomic_fetch_add(&pool.nworkers, 1);
  if (rk__thread_start(worker_main, NULL) != 0)
    atomic_fetch_sub(&pool.nworkers, 1);
}

/* Make sure some worker will take the queue's head. */
static void kick(void) {
  if (atomic_load(&pool.nidle) > atomic_load(&pool.nsleeping))
    return; /* a spinning idle worker will see it */
  if (atomic_load(&pool.nsleeping) > 0) {
    if (atomic_load_explicit(&pool.waking, memory_order_relaxed) == 0 &&
        atomic_exchange(&pool.waking, 1) == 0) {
      atomic_fetch_add(&pool.wake_seq, 1);
      rk__futex_wake(&pool.wake_seq, 1);
    }
    return;
  }
  int busy = atomic_load(&pool.nworkers) - atomic_load(&pool.nidle) - atomic_load(&pool.nblocked);
  if (busy < (int)rk__ncpu()) {
    spawn_worker();
    return;
  }
  /* every worker is running a goroutine: if none of them comes back for a
     while (long computations, spinning, blocking outside racekit), the
     timer thread adds a worker (rk__pool_poll) */
  if (atomic_load_explicit(&pool.sysmon, memory_order_relaxed) == 0 &&
      atomic_exchange(&pool.sysmon, 1) == 0)
    rk__timer_kick();
}

/* Timer thread: the queue has not moved since the last poll -> one more
   worker. Returns the delay until the next poll, or -1 when idle. */
int64_t rk__pool_poll(int64_t now) {
  static uint64_t last_pops; /* timer thread only */
  (void)now;
  if (!atomic_load(&pool.sysmon))
    return -1;
  if (atomic_load(&pool.runq_len) == 0) {
    atomic_store(&pool.sysmon, 0);
    if (atomic_load(&pool.runq_len) == 0)
      return -1;
    atomic_store(&pool.sysmon, 1);
  }
  uint64_t pops = atomic_load(&pool.pops);
  if (pops == last_pops)
    spawn_worker();
  last_pops = pops;
  return RK__SYSMON_NS;
}

void rk__pool_blocking(bool entering) {
  if (!is_worker)
    return;
  if (entering) {
    atomic_fetch_add(&pool.nblocked, 1);
    if (atomic_load(&pool.runq_len))
      kick();
  } else {
    atomic_fetch_sub(&pool.nblocked, 1);
  }
}

int rk_go_at(void (*fn)(void *arg), void *arg, rk_srcloc where) {
  if (!fn)
    return RK_EINVAL;
  rk__g *self = rk__self();
  rk__g *g = g_alloc();
  if (!g)
    return RK_ENOMEM;
  g->fn = fn;
  g->arg = arg;
  g->is_thread = false;
  g->tid = 0;
  g->created = where;
  g->creator = self->goid;
  g->goid = atomic_fetch_add_explicit(&next_goid, 1, memory_order_relaxed);
  atomic_store_explicit(&g->reason, RK__R_NONE, memory_order_relaxed);
  g->rng = 0; /* seeded on first use (rk__rand) */
  if (rk__unlikely(rk__edges())) {
    /* HB release; pairs with the acquire in run_g(). With a checker the
       thread's creation below is the edge itself. */
    rk__edge_slow(RK_EV_GO, true, NULL, checker_mode() ? NULL : (void *)g, (uint64_t)g->goid,
                  where);
  }
  atomic_store_explicit(&g->state, RK__G_QUEUED, memory_order_relaxed);
  rk__running_add(1);
  if (rk__mn_enabled()) {
    if (rk__mn_spawn(g) != 0) {
      rk__running_add(-1);
      g_free(g);
      return RK_ENOMEM;
    }
    return 0;
  }
  g->mn = false;
  if (checker_mode()) {
    if (rk__thread_start(g_thread_main, g) != 0) {
      rk__running_add(-1);
      g_free(g);
      return RK_ENOMEM;
    }
    return 0;
  }
  rk__lock_acquire(&pool.lock);
  g->next = NULL;
  if (pool.runq_tail)
    pool.runq_tail->next = g;
  else
    pool.runq_head = g;
  pool.runq_tail = g;
  atomic_fetch_add(&pool.runq_len, 1);
  rk__lock_release(&pool.lock);
  kick();
  return 0;
}

int(rk_go)(void (*fn)(void *arg), void *arg) { return rk_go_at(fn, arg, RK__CALLER()); }

/* ------------------------------------------------------ racekit threads */

struct start_arg {
  void *(*fn)(void *);
  void *arg;
  bool parent_waits;     /* immutable: the parent frees the struct */
  _Atomic uint32_t tid;  /* atomic: release by the child, acquire by the parent */
};

static void *thread_tramp(void *p) {
  struct start_arg *sa = p;
  void *(*fn)(void *) = sa->fn;
  void *arg = sa->arg;
  rk__thread_known(rk__gettid(), true);
  if (sa->parent_waits) {
    atomic_store_explicit(&sa->tid, (uint32_t)rk__gettid(), memory_order_release);
    rk__futex_wake(&sa->tid, 1);
  } else {
    rk__free(sa);
  }
  return fn(arg);
}

int rk__thread_start(void *(*fn)(void *), void *arg) {
  static _Atomic int first = 1;
  pthread_attr_t at;
  pthread_attr_init(&at);
  pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
  struct start_arg *sa = rk__malloc(sizeof *sa);
  if (!sa)
    return -1;
  sa->fn = fn;
  sa->arg = arg;
  atomic_store(&sa->tid, 0);
  bool is_first = atomic_exchange(&first, 0);
  sa->parent_waits = is_first;
  if (is_first)
    rk__threads_snapshot_before();
  pthread_t t;
  int r = pthread_create(&t, &at, thread_tramp, sa);
  pthread_attr_destroy(&at);
  if (r != 0) {
    rk__free(sa);
    return -1;
  }
  if (is_first) {
    uint32_t tid;
    while ((tid = atomic_load_explicit(&sa->tid, memory_order_acquire)) == 0)
      rk__futex_wait(&sa->tid, 0, rk__now() + RK_MILLISECOND);
    rk__threads_snapshot_after((pid_t)tid);
    rk__free(sa);
  }
  return 0;
}
