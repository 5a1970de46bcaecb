/* SPDX-License-Identifier: MIT */
/* The M:N scheduler of plain builds: goroutines on stacks of their own,
 * switched in user space (ctx.c) on a few OS threads, as Go's runtime does.
 *
 * DESIGN (Go's names): a P is a processor, one per CPU, with a run queue
 * and a runnext slot; an M is an OS thread that owns at most one P and runs
 * goroutines from it. Each M has an idle loop (g0: the thread's own stack
 * for workers, an mmap'd one for the main thread, whose own stack is its
 * G's). A G that parks (rk__park) or ends switches directly to the next
 * runnable G of its P, or to its M's idle loop, which looks in the global
 * queue, steals half of another P's run queue, and finally gives its P
 * back and sleeps on a futex. rk__unpark puts the woken G in the waker's
 * runnext (the old one moves to the run queue tail), so a hand-off between
 * two goroutines is two switches on one thread, as in Go; runnext is never
 * stolen from a P that has an owner. A new goroutine goes to the tail of
 * its creator's P. Work pushed to a queue another M could take wakes one
 * idle M when there is an idle P and no M is already looking (wakep).
 *
 * There is no preemption and goroutines may block or spin outside racekit
 * (sleep, I/O, a busy-wait on a flag), so a monitor thread (sysmon) hands a
 * P with waiting work to another M when the P's owner has not come back to
 * the scheduler for RK__RETAKE_NS (its switch counter did not move); the
 * old M finds out at its next scheduling point and goes on without a P
 * (its goroutine keeps running; it parks into the idle list later). So no
 * goroutine waits on another that does not give the CPU back. The monitor
 * polls every RK__MON_MIN_NS while it finds something to do and backs off
 * to RK__MON_MAX_NS when idle; queueing work wakes a backed-off monitor.
 *
 * The main thread's G (goid 1) is scheduled too: when it parks, its thread
 * runs other goroutines; when it is woken it goes back to the main thread
 * (see sc.m0), unless a goroutine holds that thread and does not come back.
 * Goroutines move between OS threads at blocking racekit calls:
 * thread-local variables, pthread_self() and the like are per OS thread,
 * not per goroutine (Go has no such thing). Other registered threads
 * (pthreads that call racekit) keep parking on their futex (park.c).
 *
 * Not used under a race checker (each goroutine is then a thread of its
 * own, sched.c) nor under MemorySanitizer. Under AddressSanitizer every
 * switch is announced with __sanitizer_start_switch_fiber and completed
 * with __sanitizer_finish_switch_fiber (san_start/san_finish), so ASan
 * knows which stack is current. See rk__mn_enabled().
 *
 * Locks: sc.lock guards the global queue, the idle P list and the idle M
 * list; each P's lock guards its owner, run queue and runnext. A P's lock
 * may be held while taking sc.lock, never the reverse, and never two P
 * locks at once. No lock is held across a context switch. */
#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>

#define RK__MN_MAXP 64
#define RK__RETAKE_NS (40 * RK_MICROSECOND)
#define RK__MAIN_WAIT_NS RK_MILLISECOND
#define RK__MON_MIN_NS (20 * RK_MICROSECOND)
#define RK__MON_MAX_NS (2 * RK_MILLISECOND)
#define RK__MON_IDLE_POLLS 20
#define RK__IDLE_ROUNDS 64
#define RK__IDLE_PAUSES 40
#define RK__PARK_SPIN 128
#define RK__RUNNEXT_MAX 16
#define RK__GLOBAL_EVERY 61

typedef struct rk__m rk__m;

typedef struct rk__p {
  rk__lock lock;            /* guards m, head/tail, runnext, nextrun */
  _Atomic(rk__m *) m;       /* owner or NULL; written under lock, read racily by the monitor */
  _Atomic(rk__g *) runnext; /* written under lock; racy reads are hints */
  rk__g *head, *tail;       /* run queue through g->next; guarded by lock */
  _Atomic uint32_t nrunq;   /* run queue length; written under lock, racy hint */
  uint32_t nextrun;         /* consecutive runnext picks; guarded by lock */
  _Atomic uint64_t tick;    /* bumped at each switch on this P (relaxed: a progress hint) */
  struct rk__p *idle_next;  /* idle list; guarded by sc.lock */
  uint64_t mon_tick;        /* monitor thread only */
  int64_t mon_since;        /* monitor thread only */
  char pad[64];             /* keep Ps on separate lines */
} rk__p;

struct rk__m {
  rk__p *p;                /* owned P (may be stale after a retake: checked under p->lock) */
  rk__p *nextp;            /* set by startm before the wake-up, read by this M after it */
  rk__g *nextg;            /* a G to run first, set like nextp (the monitor's main fallback) */
  bool in_midle;           /* guarded by sc.lock */
  bool spinning;           /* counted in sc.nspinning; set by startm before the wake-up */
  uint32_t schedtick;      /* this M only */
  uint32_t steal_seed;     /* this M only */
  void *g0_sp;             /* the idle loop's context while a G runs; this M only */
  const void *g0_bottom;   /* the idle loop's stack, for ASan; immutable */
  size_t g0_size;
  void *g0_fake;           /* ASan fake stack of the idle loop; this M only */
  rk__g *handoff;          /* a G for the idle loop to run next; this M only */
  _Atomic uint32_t wake;   /* futex word while in the idle list: release by the waker */
  rk__m *idle_next;        /* guarded by sc.lock */
};

static struct {
  rk__lock lock;             /* guards gq_head/tail, pidle, midle */
  rk__g *gq_head, *gq_tail;  /* global run queue */
  _Atomic uint32_t ngq;      /* its length; written under lock (seq_cst: Dekker with wakep) */
  rk__p *pidle;
  _Atomic int npidle;        /* idle Ps; written under lock (seq_cst: Dekker with wakep) */
  rk__m *midle;
  _Atomic int nspinning;     /* Ms looking for work that wakep counts on */
  rk__p *ps;                 /* immutable after init */
  int np;                    /* immutable after init */
  _Atomic int init;          /* 0 no, 1 initializing, 2 ready (release) */
  _Atomic int mon_started;
  _Atomic uint32_t mon_seq;  /* futex word of the monitor: bumped to kick it */
  _Atomic int mon_deep;      /* the monitor sleeps long: the next push kicks it */
  /* The main thread's M and G (immutable after rk__mn_adopt_main). G1
     prefers its own thread: a woken G1 waits in m0_next for M0, which
     takes it before anything else; only if M0 does not get to it within
     RK__MAIN_WAIT_NS while M0 runs another goroutine (one that does not
     come back) does the monitor run it on another M. A slow wake-up of
     M0 itself (the OS did not run it yet) is waited out. So main() and
     whatever called it (a test framework's thread-local state, exit
     handlers) normally run on the main thread. */
  rk__m *m0;
  rk__g *g1;
  _Atomic(rk__g *) m0_next;  /* seq_cst: Dekker with M0 going to sleep (under sc.lock) */
  _Atomic uint64_t m0_takes; /* bumped by M0 when it takes m0_next (monitor) */
  _Atomic int m0_busy;       /* M0 runs a goroutine other than G1 (written by M0, relaxed: a hint) */
} sc;

static RK__TLS rk__m *cur_m;

/* TLS through out-of-line calls: after a switch the same code may run on
   another thread, and a compiler may keep a thread's TLS base in a
   register across calls. */
static __attribute__((noinline)) rk__m *getm(void) { return cur_m; }
static __attribute__((noinline)) void set_cur(rk__g *g) { rk__cur = g; }

extern void __asan_init(void) __attribute__((weak));
extern void __msan_init(void) __attribute__((weak));
extern void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom,
                                           size_t size) __attribute__((weak));
extern void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old,
                                            size_t *size_old) __attribute__((weak));

/* AddressSanitizer is present: announce every switch (immutable after
   rk__mn_enabled() first ran). */
static bool san;

/* Before a switch to the stack [bottom, bottom+size): fake is where the
   current context's fake stack is saved, NULL when it never resumes. */
static inline void san_start(void **fake, const void *bottom, size_t size) {
  if (rk__unlikely(san))
    __sanitizer_start_switch_fiber(fake, bottom, size);
}
/* First thing in the context a switch arrived in. */
static inline void san_finish(void *fake) {
  if (rk__unlikely(san)) {
    const void *b;
    size_t n;
    __sanitizer_finish_switch_fiber(fake, &b, &n);
  }
}

/* The calling thread's stack bounds. */
static void thread_stack(const void **bottom, size_t *size) {
  pthread_attr_t at;
  void *b = NULL;
  size_t n = 0;
  if (pthread_getattr_np(pthread_self(), &at) == 0) {
    pthread_attr_getstack(&at, &b, &n);
    pthread_attr_destroy(&at);
  }
  *bottom = b;
  *size = n;
}

bool rk__mn_enabled(void) {
  static _Atomic int cached; /* 0 unknown, 1 off, 2 on; idempotent */
  int c = atomic_load_explicit(&cached, memory_order_relaxed);
  if (rk__unlikely(c == 0)) {
    bool asan = __asan_init != NULL;
    bool on = rk__ctx_supported() && __tsan_acquire == NULL && __tsan_release == NULL &&
              __msan_init == NULL &&
              (!asan || (__sanitizer_start_switch_fiber && __sanitizer_finish_switch_fiber));
    san = on && asan;
    c = on ? 2 : 1;
    atomic_store_explicit(&cached, c, memory_order_relaxed);
  }
  return c == 2;
}

static void mn_init(void) {
  if (rk__likely(atomic_load_explicit(&sc.init, memory_order_acquire) == 2))
    return;
  int z = 0;
  if (atomic_compare_exchange_strong(&sc.init, &z, 1)) {
    int np = (int)rk__ncpu();
    if (np > RK__MN_MAXP)
      np = RK__MN_MAXP;
    sc.ps = rk__calloc((size_t)np, sizeof *sc.ps);
    if (!sc.ps)
      rk__fatal_at(RK_HERE, "racekit: out of memory");
    sc.np = np;
    for (int i = np - 1; i >= 0; i--) {
      sc.ps[i].idle_next = sc.pidle;
      sc.pidle = &sc.ps[i];
    }
    atomic_store(&sc.npidle, np);
    atomic_store_explicit(&sc.init, 2, memory_order_release);
    return;
  }
  while (atomic_load_explicit(&sc.init, memory_order_acquire) != 2)
    rk__pause();
}

static inline void wait_saved(rk__g *g) {
  /* pairs with the store of 1 in rk__ctx_switch by the G's last M */
  while (rk__unlikely(!atomic_load_explicit(&g->saved, memory_order_acquire)))
    rk__pause();
}

/* --------------------------------------------------------------- queues */

static void runq_put(rk__p *p, rk__g *g) { /* p->lock held */
  g->next = NULL;
  if (p->tail)
    p->tail->next = g;
  else
    p->head = g;
  p->tail = g;
  atomic_fetch_add(&p->nrunq, 1);
}

static rk__g *runq_get(rk__p *p) { /* p->lock held */
  rk__g *g = p->head;
  if (g) {
    p->head = g->next;
    if (!p->head)
      p->tail = NULL;
    atomic_fetch_sub(&p->nrunq, 1);
  }
  return g;
}

static void gq_put(rk__g *g) {
  g->next = NULL;
  rk__lock_acquire(&sc.lock);
  if (sc.gq_tail)
    sc.gq_tail->next = g;
  else
    sc.gq_head = g;
  sc.gq_tail = g;
  atomic_fetch_add(&sc.ngq, 1);
  rk__lock_release(&sc.lock);
}

static rk__g *gq_get(void) {
  if (atomic_load_explicit(&sc.ngq, memory_order_relaxed) == 0)
    return NULL;
  rk__lock_acquire(&sc.lock);
  rk__g *g = sc.gq_head;
  if (g) {
    sc.gq_head = g->next;
    if (!sc.gq_head)
      sc.gq_tail = NULL;
    atomic_fetch_sub(&sc.ngq, 1);
  }
  rk__lock_release(&sc.lock);
  return g;
}

static rk__p *pidle_get(void) {
  if (atomic_load(&sc.npidle) == 0)
    return NULL;
  rk__lock_acquire(&sc.lock);
  rk__p *p = sc.pidle;
  if (p) {
    sc.pidle = p->idle_next;
    atomic_fetch_sub(&sc.npidle, 1);
  }
  rk__lock_release(&sc.lock);
  return p;
}

static void pidle_put(rk__p *p) {
  rk__lock_acquire(&sc.lock);
  p->idle_next = sc.pidle;
  sc.pidle = p;
  atomic_fetch_add(&sc.npidle, 1);
  rk__lock_release(&sc.lock);
}

/* The calling M takes a P nobody owns (from the idle list or a handoff). */
static void p_own(rk__m *m, rk__p *p) {
  rk__lock_acquire(&p->lock);
  rk_assert(atomic_load(&p->m) == NULL);
  atomic_store(&p->m, m);
  p->nextrun = 0;
  rk__lock_release(&p->lock);
  atomic_fetch_add_explicit(&p->tick, 1, memory_order_relaxed);
  m->p = p;
}

/* The calling M gives its P back (if it still owns it). */
static void p_release(rk__m *m) {
  rk__p *p = m->p;
  m->p = NULL;
  if (!p)
    return;
  rk__lock_acquire(&p->lock);
  bool mine = atomic_load(&p->m) == m;
  if (mine)
    atomic_store(&p->m, NULL);
  rk__lock_release(&p->lock);
  if (mine)
    pidle_put(p);
}

/* Is there work some idle M could take? */
static bool work_somewhere(void) {
  if (atomic_load(&sc.ngq))
    return true;
  for (int i = 0; i < sc.np; i++) {
    rk__p *p = &sc.ps[i];
    if (atomic_load(&p->nrunq))
      return true;
    if (atomic_load(&p->m) == NULL && atomic_load(&p->runnext))
      return true;
  }
  return false;
}

/* ------------------------------------------------------------- monitor */

static void mon_kick(void) {
  atomic_fetch_add(&sc.mon_seq, 1);
  rk__futex_wake(&sc.mon_seq, 1);
}

/* Work was queued: a monitor in its long sleep must watch again. */
static inline void mon_hint(void) {
  if (rk__unlikely(atomic_load_explicit(&sc.mon_deep, memory_order_relaxed)) &&
      atomic_exchange(&sc.mon_deep, 0))
    mon_kick();
}

/* ------------------------------------------------------------- Ms */

static void m_loop(rk__m *m);

static void *m_thread_main(void *arg) {
  rk__m *m = arg;
  cur_m = m;
  thread_stack(&m->g0_bottom, &m->g0_size);
  pthread_setname_np(pthread_self(), "racekit-worker");
  m_loop(m);
  return NULL;
}

/* Hand g and p (either may be NULL) to an idle M, or to a new one; false
   when no thread could be had. */
static bool m_hand(rk__g *g, rk__p *p, bool spinning) {
  rk__lock_acquire(&sc.lock);
  rk__m *m = sc.midle;
  if (m) {
    sc.midle = m->idle_next;
    m->in_midle = false;
  }
  rk__lock_release(&sc.lock);
  if (m) {
    m->nextg = g;
    m->nextp = p;
    m->spinning = spinning;
    /* release: pairs with the acquire in m_sleep() */
    atomic_store_explicit(&m->wake, 1, memory_order_release);
    rk__futex_wake(&m->wake, 1);
    return true;
  }
  m = rk__calloc(1, sizeof *m);
  if (!m)
    return false;
  m->nextg = g;
  m->nextp = p;
  m->spinning = spinning;
  m->steal_seed = (uint32_t)(uintptr_t)m >> 6;
  if (rk__thread_start(m_thread_main, m) == 0)
    return true;
  rk__free(m);
  return false;
}

/* Run p (may be NULL) on an idle M, or a new one. */
static void startm(rk__p *p, bool spinning) {
  if (m_hand(NULL, p, spinning))
    return;
  /* no thread: the work waits for a running M (the monitor retries) */
  if (p)
    pidle_put(p);
  if (spinning)
    atomic_fetch_sub(&sc.nspinning, 1);
}

/* Run g on an idle M (or a new one), without a P if none is idle. */
static void startm_g(rk__g *g) {
  if (!m_hand(g, NULL, false))
    atomic_store(&sc.m0_next, g); /* no thread: back to waiting for M0 */
}

/* G1 was woken: M0 takes it at its next scheduling point; wake M0 if it
   is asleep in the idle list. */
static void ready_main(rk__m *self) {
  atomic_store(&sc.m0_next, sc.g1);
  if (self == sc.m0)
    return; /* we are on M0: its next switch takes G1 */
  rk__m *m0 = sc.m0;
  bool wake = false;
  rk__lock_acquire(&sc.lock);
  if (m0->in_midle) {
    rk__m **pp = &sc.midle;
    while (*pp != m0)
      pp = &(*pp)->idle_next;
    *pp = m0->idle_next;
    m0->in_midle = false;
    m0->nextp = NULL;
    m0->nextg = NULL;
    m0->spinning = false;
    wake = true;
  }
  rk__lock_release(&sc.lock);
  if (wake) {
    /* release: pairs with the acquire in m_sleep() */
    atomic_store_explicit(&m0->wake, 1, memory_order_release);
    rk__futex_wake(&m0->wake, 1);
  }
  mon_hint();
}

/* M0 takes a waiting G1, or NULL. */
static inline rk__g *take_main(rk__m *m) {
  if (m != sc.m0 || !atomic_load_explicit(&sc.m0_next, memory_order_relaxed))
    return NULL;
  rk__g *g = atomic_exchange(&sc.m0_next, NULL);
  if (g)
    atomic_fetch_add_explicit(&sc.m0_takes, 1, memory_order_relaxed);
  return g;
}

/* Work was queued where another M could take it: wake one if a P is idle
   and no M is already looking. */
static void wakep(void) {
  if (atomic_load(&sc.npidle) == 0)
    return;
  int z = 0;
  if (atomic_load(&sc.nspinning) != 0 || !atomic_compare_exchange_strong(&sc.nspinning, &z, 1))
    return;
  rk__p *p = pidle_get();
  if (!p) {
    atomic_fetch_sub(&sc.nspinning, 1);
    return;
  }
  startm(p, true);
}

static void m_sleep(rk__m *m) {
  atomic_store_explicit(&m->wake, 0, memory_order_relaxed);
  rk__lock_acquire(&sc.lock);
  if (m == sc.m0 && atomic_load(&sc.m0_next)) {
    rk__lock_release(&sc.lock); /* G1 is waiting for us */
    return;
  }
  m->idle_next = sc.midle;
  sc.midle = m;
  m->in_midle = true;
  rk__lock_release(&sc.lock);
  /* acquire: pairs with the release in startm() */
  while (atomic_load_explicit(&m->wake, memory_order_acquire) == 0)
    rk__futex_wait(&m->wake, 0, -1);
}

/* Next G of the calling M's own P, or NULL (also when the P was taken). */
static rk__g *local_get(rk__m *m) {
  rk__p *p = m->p;
  if (!p)
    return NULL;
  rk__lock_acquire(&p->lock);
  if (rk__unlikely(atomic_load_explicit(&p->m, memory_order_relaxed) != m)) {
    rk__lock_release(&p->lock);
    m->p = NULL;
    return NULL;
  }
  rk__g *g = atomic_load_explicit(&p->runnext, memory_order_relaxed);
  if (g && (p->nextrun < RK__RUNNEXT_MAX || !p->head)) {
    atomic_store_explicit(&p->runnext, NULL, memory_order_relaxed);
    p->nextrun++;
  } else {
    g = runq_get(p);
    p->nextrun = 0;
  }
  rk__lock_release(&p->lock);
  return g;
}

/* Steal half of another P's run queue (runnext too if the P has no owner). */
static rk__g *steal(rk__m *m) {
  int np = sc.np;
  uint32_t start = m->steal_seed++;
  for (int i = 0; i < np; i++) {
    rk__p *v = &sc.ps[(start + (uint32_t)i) % (uint32_t)np];
    if (v == m->p)
      continue;
    bool ownerless = atomic_load_explicit(&v->m, memory_order_relaxed) == NULL;
    if (!atomic_load_explicit(&v->nrunq, memory_order_relaxed) &&
        !(ownerless && atomic_load_explicit(&v->runnext, memory_order_relaxed)))
      continue;
    rk__g *first = NULL, *last = NULL;
    rk__lock_acquire(&v->lock);
    uint32_t n = atomic_load_explicit(&v->nrunq, memory_order_relaxed);
    for (uint32_t k = 0, take = n - n / 2; k < take; k++) {
      rk__g *g = runq_get(v);
      g->next = NULL;
      if (last)
        last->next = g;
      else
        first = g;
      last = g;
    }
    if (!first && atomic_load(&v->m) == NULL) {
      first = atomic_load_explicit(&v->runnext, memory_order_relaxed);
      if (first)
        first->next = NULL; /* its link is stale */
      atomic_store_explicit(&v->runnext, NULL, memory_order_relaxed);
    }
    rk__lock_release(&v->lock);
    if (!first)
      continue;
    rk__g *rest = first->next;
    if (rest) {
      rk__p *p = m->p;
      bool mine = false;
      if (p) {
        rk__lock_acquire(&p->lock);
        mine = atomic_load(&p->m) == m;
        for (rk__g *g = rest, *nx; mine && g; g = nx) {
          nx = g->next;
          runq_put(p, g);
        }
        rk__lock_release(&p->lock);
      }
      for (rk__g *g = rest, *nx; !mine && g; g = nx) {
        nx = g->next;
        gq_put(g);
      }
      wakep();
    }
    return first;
  }
  return NULL;
}

/* The idle loop's search (on g0): returns a runnable G, holding a P if
   one could be had. Sleeps when there is nothing to do. */
static rk__g *find_runnable(rk__m *m) {
  for (;;) {
    rk__g *first = m->nextg;
    m->nextg = NULL;
    if (!first)
      first = take_main(m);
    if (first) {
      if (!m->p && !m->nextp) {
        rk__p *p = pidle_get();
        if (p)
          p_own(m, p);
      }
      return first;
    }
    if (m->p) {
      rk__p *p = m->p;
      rk__lock_acquire(&p->lock);
      if (atomic_load(&p->m) != m)
        m->p = NULL;
      rk__lock_release(&p->lock);
    }
    if (!m->p) {
      rk__p *p = m->nextp;
      m->nextp = NULL;
      if (!p)
        p = pidle_get();
      if (!p) {
        if (m->spinning) {
          m->spinning = false;
          atomic_fetch_sub(&sc.nspinning, 1);
        }
        /* queued work waits for an owner of a P (or the monitor) */
        m_sleep(m);
        continue;
      }
      p_own(m, p);
    }
    rk__g *g = NULL;
    for (int r = 0; r < RK__IDLE_ROUNDS && !g; r++) {
      atomic_fetch_add_explicit(&m->p->tick, 1, memory_order_relaxed);
      g = take_main(m);
      if (!g)
        g = local_get(m);
      if (!g && !m->p)
        break;
      if (!g)
        g = gq_get();
      if (!g)
        g = steal(m);
      if (!g)
        for (int i = 0; i < RK__IDLE_PAUSES; i++)
          rk__pause();
    }
    if (g) {
      if (m->spinning) {
        m->spinning = false;
        /* the last M looking found work: others may be needed */
        if (atomic_fetch_sub(&sc.nspinning, 1) == 1 && work_somewhere())
          wakep();
      }
      return g;
    }
    if (!m->p)
      continue;
    p_release(m);
    if (m->spinning) {
      m->spinning = false;
      atomic_fetch_sub(&sc.nspinning, 1);
    }
    /* Dekker with wakep(): we published an idle P and dropped spinning
       (seq_cst), then look again; a pusher published work, then looks at
       npidle and nspinning. */
    if (work_somewhere())
      continue;
    m_sleep(m);
  }
}

static void m_loop(rk__m *m) {
  for (;;) {
    rk__g *g = m->handoff;
    m->handoff = NULL;
    if (!g)
      g = find_runnable(m);
    wait_saved(g); /* safe here: no context of ours is half-saved */
    if (m == sc.m0)
      atomic_store_explicit(&sc.m0_busy, g != sc.g1, memory_order_relaxed);
    set_cur(g);
    san_start(&m->g0_fake, g->san_bottom, g->san_size);
    rk__ctx_switch(&m->g0_sp, g->sp, NULL);
    san_finish(m->g0_fake);
    /* back on g0: the G parked or ended and nothing else was runnable */
  }
}

static void m0_g0_main(void *arg) {
  san_finish(NULL);
  m_loop(arg);
}

/* Leave the current G (already parked or ended, its saved flag 0) for the
   next runnable one, or the idle loop. Returns when the G is resumed,
   possibly on another M. */
static void switch_away(rk__g *cur, bool dying) {
  void **fake = dying ? NULL : &cur->san_fake;
  rk__m *m = getm();
  rk__g *next = NULL;
  rk__p *p = m->p;
  next = take_main(m);
  if (!next && p) {
    if (rk__unlikely(++m->schedtick % RK__GLOBAL_EVERY == 0))
      next = gq_get(); /* fairness for the global queue */
    if (!next && (atomic_load_explicit(&p->runnext, memory_order_relaxed) ||
                  atomic_load_explicit(&p->nrunq, memory_order_relaxed)))
      next = local_get(m);
    if (!next)
      next = gq_get();
    if (m->p)
      atomic_fetch_add_explicit(&m->p->tick, 1, memory_order_relaxed);
  }
  if (next == cur) {
    /* readied again before we left: keep running */
    atomic_store_explicit(&cur->saved, 1, memory_order_relaxed);
    return;
  }
  if (next && atomic_load_explicit(&next->saved, memory_order_acquire)) {
    if (m == sc.m0)
      atomic_store_explicit(&sc.m0_busy, next != sc.g1, memory_order_relaxed);
    set_cur(next);
    san_start(fake, next->san_bottom, next->san_size);
    rk__ctx_switch(&cur->sp, next->sp, &cur->saved);
    san_finish(cur->san_fake);
    return;
  }
  /* Nothing to run, or next is still being saved by its previous M: leave
     through the idle loop. Waiting for next here, before our own context
     is saved, could wait in a cycle with that M. */
  m->handoff = next;
  if (m == sc.m0)
    atomic_store_explicit(&sc.m0_busy, 0, memory_order_relaxed);
  set_cur(NULL);
  san_start(fake, m->g0_bottom, m->g0_size);
  rk__ctx_switch(&cur->sp, m->g0_sp, &cur->saved);
  san_finish(cur->san_fake);
}

/* --------------------------------------------------------- goroutines */

static void mon_start(void);

static void g_entry(void *arg) {
  rk__g *g = arg;
  san_finish(NULL);
  rk__g_run(g);
  set_cur(NULL);
  atomic_store_explicit(&g->saved, 0, memory_order_relaxed);
  rk__g_free(g); /* a reuse waits for saved == 1 (rk__mn_spawn) */
  rk__running_add(-1);
  switch_away(g, true);
  rk_assert(!"an ended goroutine was resumed");
}

/* Put a runnable G on the calling M's P (runnext or the tail), else on the
   global queue. */
static void put(rk__g *g, bool next) {
  rk__m *m = getm();
  if (g == sc.g1) {
    ready_main(m);
    return;
  }
  rk__p *p = m ? m->p : NULL;
  if (p) {
    rk__lock_acquire(&p->lock);
    if (rk__likely(atomic_load_explicit(&p->m, memory_order_relaxed) == m)) {
      rk__g *old = NULL;
      if (next) {
        old = atomic_load_explicit(&p->runnext, memory_order_relaxed);
        atomic_store_explicit(&p->runnext, g, memory_order_relaxed);
        if (old)
          runq_put(p, old);
      } else {
        runq_put(p, g);
      }
      rk__lock_release(&p->lock);
      if (!next || old)
        wakep();
      mon_hint();
      return;
    }
    rk__lock_release(&p->lock);
    m->p = NULL;
  }
  gq_put(g);
  wakep();
  mon_hint();
}

int rk__mn_spawn(rk__g *g) {
  mn_init();
  if (!g->stack) {
    g->stack = rk__stack_alloc();
    if (!g->stack)
      return RK_ENOMEM;
  } else {
    wait_saved(g); /* its previous goroutine has left the stack */
  }
  g->sp = rk__ctx_make((char *)g->stack + RK__STACK_SIZE, g_entry, g);
  g->san_bottom = g->stack;
  g->san_size = RK__STACK_SIZE;
  g->san_fake = NULL;
  g->mn = true;
  /* release: the context is ready for whichever M takes the G */
  atomic_store_explicit(&g->saved, 1, memory_order_release);
  if (rk__unlikely(!atomic_load_explicit(&sc.mon_started, memory_order_relaxed)))
    mon_start();
  put(g, false);
  return 0;
}

void rk__mn_adopt_main(rk__g *g) {
  mn_init();
  rk__m *m = rk__calloc(1, sizeof *m);
  void *stk = m ? rk__stack_alloc() : NULL;
  if (!stk) {
    rk__free(m);
    return; /* main keeps parking on its futex */
  }
  m->steal_seed = 1;
  m->g0_sp = rk__ctx_make((char *)stk + RK__STACK_SIZE, m0_g0_main, m);
  m->g0_bottom = stk;
  m->g0_size = RK__STACK_SIZE;
  thread_stack(&g->san_bottom, &g->san_size);
  cur_m = m;
  g->mn = true;
  sc.m0 = m;
  sc.g1 = g;
  rk__p *p = pidle_get();
  if (p)
    p_own(m, p);
}

/* -------------------------------------------------------------- parking */

bool rk__mn_local_work(void) {
  rk__m *m = getm();
  if (m && m == sc.m0 && atomic_load_explicit(&sc.m0_next, memory_order_relaxed))
    return true;
  rk__p *p = m ? m->p : NULL;
  return p && (atomic_load_explicit(&p->runnext, memory_order_relaxed) ||
               atomic_load_explicit(&p->nrunq, memory_order_relaxed));
}

void rk__mn_park(rk__g *g, int reason, rk_srcloc where) {
  if (atomic_load_explicit(&g->park, memory_order_acquire) == RK__PARK_WOKEN)
    return;
  if (!rk__mn_local_work()) {
    /* the waker may be running on another M right now */
    for (int i = 0; i < RK__PARK_SPIN; i++) {
      if (atomic_load_explicit(&g->park, memory_order_acquire) == RK__PARK_WOKEN)
        return;
      rk__pause();
    }
  }
  g->wait_where = where;
  atomic_store_explicit(&g->reason, reason, memory_order_relaxed);
  /* published by the CAS below (seq_cst): a waker that sees SLEEP also
     sees saved == 0, so its M waits until our switch stored the context */
  atomic_store_explicit(&g->saved, 0, memory_order_relaxed);
  uint32_t v = RK__PARK_WAIT;
  if (atomic_compare_exchange_strong_explicit(&g->park, &v, RK__PARK_SLEEP, memory_order_seq_cst,
                                              memory_order_acquire)) {
    rk__running_add(-1);
    switch_away(g, false);
  }
  atomic_store_explicit(&g->reason, RK__R_NONE, memory_order_relaxed);
}

void rk__mn_ready(rk__g *g) { put(g, true); }

_Noreturn void rk__mn_park_forever(rk__g *g) {
  atomic_store_explicit(&g->saved, 0, memory_order_relaxed);
  atomic_store_explicit(&g->park, RK__PARK_SLEEP, memory_order_seq_cst);
  rk__running_add(-1);
  switch_away(g, false);
  rk_assert(!"a goroutine blocked forever was resumed");
  abort();
}

/* --------------------------------------------------------------- sysmon */

/* Hand Ps whose owner has not switched for RK__RETAKE_NS and that have
   waiting work to other Ms. True if it did. */
static bool retake(int64_t now) {
  bool took = false;
  bool global_wait = atomic_load(&sc.ngq) != 0 && atomic_load(&sc.npidle) == 0;
  for (int i = 0; i < sc.np; i++) {
    rk__p *p = &sc.ps[i];
    rk__m *own = atomic_load(&p->m);
    uint64_t t = atomic_load_explicit(&p->tick, memory_order_relaxed);
    if (!own) {
      p->mon_since = 0;
      continue;
    }
    if (t != p->mon_tick || p->mon_since == 0) {
      p->mon_tick = t;
      p->mon_since = now;
      continue;
    }
    if (now - p->mon_since < RK__RETAKE_NS)
      continue;
    if (!atomic_load(&p->runnext) && !atomic_load(&p->nrunq) && !global_wait)
      continue;
    rk__lock_acquire(&p->lock);
    bool take = atomic_load(&p->m) == own &&
                atomic_load_explicit(&p->tick, memory_order_relaxed) == t;
    if (take)
      atomic_store(&p->m, NULL);
    rk__lock_release(&p->lock);
    if (take) {
      p->mon_since = 0;
      startm(p, false);
      took = true;
    }
  }
  return took;
}

/* G1 waited RK__MAIN_WAIT_NS for M0 without M0 taking anything: run it on
   another M. True if it did. */
static bool main_fallback(int64_t now) {
  static uint64_t last_takes; /* monitor thread only */
  static int64_t since;       /* monitor thread only */
  uint64_t takes = atomic_load_explicit(&sc.m0_takes, memory_order_relaxed);
  if (!atomic_load(&sc.m0_next) || takes != last_takes || since == 0 ||
      !atomic_load_explicit(&sc.m0_busy, memory_order_relaxed)) {
    last_takes = takes;
    since = now;
    return false;
  }
  if (now - since < RK__MAIN_WAIT_NS)
    return false;
  since = 0;
  rk__g *g = atomic_exchange(&sc.m0_next, NULL);
  if (!g)
    return false;
  startm_g(g);
  return true;
}

static void *mon_main(void *arg) {
  (void)arg;
  pthread_setname_np(pthread_self(), "racekit-sysmon");
  int64_t delay = RK__MON_MIN_NS;
  int idle = 0;
  for (;;) {
    uint32_t seq = atomic_load(&sc.mon_seq);
    if (delay >= RK__MON_MAX_NS)
      atomic_store(&sc.mon_deep, 1);
    if (atomic_load(&sc.mon_seq) == seq)
      rk__futex_wait(&sc.mon_seq, seq, rk__now() + delay);
    atomic_store(&sc.mon_deep, 0);
    bool kicked = atomic_load(&sc.mon_seq) != seq;
    int64_t now = rk__now();
    bool acted = retake(now);
    if (sc.m0 && main_fallback(now))
      acted = true;
    if (acted || kicked) {
      idle = 0;
      delay = RK__MON_MIN_NS;
    } else if (++idle > RK__MON_IDLE_POLLS && delay < RK__MON_MAX_NS) {
      delay *= 2;
    }
  }
  return NULL;
}

static void mon_start(void) {
  if (atomic_exchange(&sc.mon_started, 1) == 0 && rk__thread_start(mon_main, NULL) != 0)
    atomic_store(&sc.mon_started, 0);
}
