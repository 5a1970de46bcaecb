/* SPDX-License-Identifier: MIT */
/* Parking goroutines on futexes, wait reasons, and deadlock detection.
 *
 * DESIGN: a G run by the M:N scheduler (g->mn) parks by switching away
 * (rk__mn_park) and is woken by being queued again (rk__mn_ready), with the
 * same park-word protocol and counters as below. Any other G blocks by
 * spinning on its park word, then yielding, then sleeping on it
 * (RK__PARK_SLEEP). Only a G that goes to sleep leaves
 * rk__running; its waker puts it back (the waker is itself running, or the
 * timer thread with a pending timer, or a thread racekit does not know), so
 * rk__running == 0 means every G is asleep inside racekit. When it drops to
 * zero the timer thread is kicked; after a short grace it checks again
 * (nothing woke in between, no pending timer, no unknown thread that could
 * still call racekit) and prints Go's deadlock report. Fast paths never
 * touch these counters. */
#define _GNU_SOURCE
#include "internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Adaptive spinning: a hand-off between two threads running on two cores
   takes ~100 ns, so a waiter spins before it sleeps; but when the machine
   is oversubscribed the peer may not be running at all, and spinning only
   burns the time slice it needs. Each G adapts its spin budget: doubled
   when spinning caught the wake-up, halved when it had to sleep. */
#define RK__SPIN_MIN 64
#define RK__SPIN_MAX 4096
#define RK__SPIN_INIT 1024
#define RK__PARK_YIELDS 2
#define RK__DL_GRACE_NS (10 * RK_MILLISECOND)
#define RK__DL_RECHECK_NS (100 * RK_MILLISECOND)

extern int __tsan_get_report_data() __attribute__((weak));

_Atomic long rk__running;
/* atomic: bumped each time a sleeping G is woken; seq_cst with rk__running */
static _Atomic long wake_epoch;
static _Atomic int dl_armed;
static int64_t dl_next; /* timer thread only */

const char *rk__reason_name(int reason) {
  switch (reason) {
  case RK__R_CHAN_SEND: return "chan send";
  case RK__R_CHAN_RECV: return "chan receive";
  case RK__R_SELECT: return "select";
  case RK__R_SELECT_NO_CASES: return "select (no cases)";
  case RK__R_CHAN_SEND_NIL: return "chan send (nil chan)";
  case RK__R_CHAN_RECV_NIL: return "chan receive (nil chan)";
  case RK__R_WG_WAIT: return "WaitGroup.Wait";
  case RK__R_MUTEX_LOCK: return "Mutex.Lock";
  case RK__R_RWMUTEX_LOCK: return "RWMutex.Lock";
  case RK__R_RWMUTEX_RLOCK: return "RWMutex.RLock";
  case RK__R_ONCE: return "sync.Once";
  default: return "running";
  }
}

static void trigger(void) {
  if (!atomic_exchange(&dl_armed, 1))
    rk__timer_kick();
}

void rk__running_add(long d) {
  if (atomic_fetch_add(&rk__running, d) + d == 0)
    trigger();
}

void rk__park(rk__g *g, int reason, rk_srcloc where) {
  if (g->mn) {
    rk__mn_park(g, reason, where);
    return;
  }
  int budget = g->spin ? g->spin : RK__SPIN_INIT;
  for (int i = 0; i < budget; i++) {
    if (atomic_load_explicit(&g->park, memory_order_acquire) == RK__PARK_WOKEN) {
      g->spin = budget < RK__SPIN_MAX ? budget * 2 : RK__SPIN_MAX;
      return;
    }
    rk__pause();
  }
  g->spin = budget > RK__SPIN_MIN ? budget / 2 : RK__SPIN_MIN;
  g->wait_where = where;
  atomic_store_explicit(&g->reason, reason, memory_order_relaxed);
  rk__pool_blocking(true);
  for (int i = 0; i < RK__PARK_YIELDS; i++) {
    sched_yield();
    if (atomic_load_explicit(&g->park, memory_order_acquire) == RK__PARK_WOKEN)
      goto out;
  }
  uint32_t v = RK__PARK_WAIT;
  if (atomic_compare_exchange_strong_explicit(&g->park, &v, RK__PARK_SLEEP, memory_order_seq_cst,
                                              memory_order_acquire)) {
    rk__running_add(-1);
    while (atomic_load_explicit(&g->park, memory_order_acquire) == RK__PARK_SLEEP)
      rk__futex_wait(&g->park, RK__PARK_SLEEP, -1);
  }
out:
  rk__pool_blocking(false);
  atomic_store_explicit(&g->reason, RK__R_NONE, memory_order_relaxed);
}

void rk__unpark(rk__g *g) {
  uint32_t old = atomic_exchange_explicit(&g->park, RK__PARK_WOKEN, memory_order_seq_cst);
  if (old == RK__PARK_SLEEP) {
    atomic_fetch_add(&rk__running, 1);
    atomic_fetch_add(&wake_epoch, 1);
    if (g->mn)
      rk__mn_ready(g);
    else
      rk__futex_wake(&g->park, 1);
  }
}

_Noreturn void rk__park_forever(int reason, rk_srcloc where) {
  rk__g *g = rk__self();
  g->wait_where = where;
  atomic_store_explicit(&g->reason, reason, memory_order_relaxed);
  if (g->mn)
    rk__mn_park_forever(g);
  rk__pool_blocking(true);
  rk__running_add(-1);
  static _Atomic uint32_t never;
  for (;;)
    rk__futex_wait(&never, 0, -1);
}

/* ----------------------------------------------------- threads we know */

/* tids of racekit's own threads and of threads that are not the program's
   (a sanitizer's background thread), guarded by threads_lock. */
static rk__lock threads_lock;
static pid_t *known_tids;
static size_t nknown, known_cap;
static pid_t *excluded_tids;
static size_t nexcluded, excluded_cap;

static void tid_add(pid_t **arr, size_t *n, size_t *cap, pid_t tid) {
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 64;
    pid_t *na = rk__realloc(*arr, nc * sizeof *na);
    if (!na)
      return;
    *arr = na;
    *cap = nc;
  }
  (*arr)[(*n)++] = tid;
}

static bool tid_in(pid_t *arr, size_t n, pid_t tid) {
  for (size_t i = 0; i < n; i++)
    if (arr[i] == tid)
      return true;
  return false;
}

void rk__thread_known(pid_t tid, bool known) {
  rk__lock_acquire(&threads_lock);
  if (known) {
    tid_add(&known_tids, &nknown, &known_cap, tid);
  } else {
    for (size_t i = 0; i < nknown; i++)
      if (known_tids[i] == tid) {
        known_tids[i] = known_tids[--nknown];
        break;
      }
  }
  rk__lock_release(&threads_lock);
}

/* List the process's threads into buf; returns the count (or -1). */
static int list_tids(pid_t *buf, int max) {
  int fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  char dbuf[4096];
  int n = 0;
  for (;;) {
    long r = syscall(SYS_getdents64, fd, dbuf, sizeof dbuf);
    if (r <= 0)
      break;
    for (long off = 0; off < r;) {
      struct {
        uint64_t ino;
        int64_t off;
        unsigned short reclen;
        unsigned char type;
        char name[];
      } *d = (void *)(dbuf + off);
      if (d->name[0] >= '0' && d->name[0] <= '9' && n < max)
        buf[n++] = (pid_t)atoi(d->name);
      off += d->reclen;
    }
  }
  close(fd);
  return n;
}

static pid_t *snap;
static int nsnap;

/* Around racekit's first pthread_create: a sanitizer may start its own
   background thread then; those threads are not the program's. */
void rk__threads_snapshot_before(void) {
  snap = rk__malloc(1024 * sizeof *snap);
  nsnap = snap ? list_tids(snap, 1024) : -1;
}

void rk__threads_snapshot_after(pid_t child) {
  if (!snap || nsnap < 0)
    return;
  pid_t now[1024];
  int n = list_tids(now, 1024);
  rk__lock_acquire(&threads_lock);
  for (int i = 0; i < n; i++) {
    bool old = false;
    for (int j = 0; j < nsnap; j++)
      if (snap[j] == now[i])
        old = true;
    if (!old && now[i] != child && !tid_in(known_tids, nknown, now[i]))
      tid_add(&excluded_tids, &nexcluded, &excluded_cap, now[i]);
  }
  rk__lock_release(&threads_lock);
  rk__free(snap);
  snap = NULL;
}

static bool comm_is_racekit(pid_t tid) {
  char path[64], comm[32] = {0};
  snprintf(path, sizeof path, "/proc/self/task/%d/comm", (int)tid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return true; /* gone */
  ssize_t r = read(fd, comm, sizeof comm - 1);
  close(fd);
  return r >= 7 && strncmp(comm, "racekit", 7) == 0;
}

static bool registered_thread(pid_t tid) {
  for (rk__g *g = rk__g_all(); g; g = g->all_next)
    if (g->is_thread && g->tid == tid &&
        atomic_load_explicit(&g->state, memory_order_acquire) == RK__G_LIVE)
      return true;
  return false;
}

/* Could a thread racekit does not account for still call into racekit? */
static bool unknown_threads(void) {
  pid_t tids[1024];
  int n = list_tids(tids, 1024);
  if (n < 0 || n >= 1024)
    return true;
  pid_t pid = getpid();
  /* ThreadSanitizer starts one background thread at the process's first
     pthread_create, before that thread: the lowest tid after main's. */
  pid_t tsan_bg = 0;
  if (__tsan_get_report_data)
    for (int i = 0; i < n; i++)
      if (tids[i] != pid && (tsan_bg == 0 || tids[i] < tsan_bg))
        tsan_bg = tids[i];
  bool unknown = false;
  rk__lock_acquire(&threads_lock);
  for (int i = 0; i < n && !unknown; i++) {
    pid_t t = tids[i];
    if (t == tsan_bg || tid_in(known_tids, nknown, t) || tid_in(excluded_tids, nexcluded, t))
      continue;
    if (registered_thread(t))
      continue;
    if (t != pid && comm_is_racekit(t))
      continue;
    unknown = true;
  }
  rk__lock_release(&threads_lock);
  return unknown;
}

/* ------------------------------------------------------------- the report */

static int by_goid(const void *a, const void *b) {
  long x = (*(rk__g *const *)a)->goid, y = (*(rk__g *const *)b)->goid;
  return (x > y) - (x < y);
}

static const char *nz(const char *s) { return s ? s : "?"; }

_Noreturn static void report(void) {
  size_t n = 0, cap = 64;
  rk__g **gs = rk__malloc(cap * sizeof *gs);
  for (rk__g *g = rk__g_all(); g && gs; g = g->all_next) {
    if (atomic_load_explicit(&g->state, memory_order_acquire) == RK__G_FREE)
      continue;
    if (n == cap) {
      rk__g **ng = rk__realloc(gs, (cap *= 2) * sizeof *gs);
      if (!ng)
        break;
      gs = ng;
    }
    gs[n++] = g;
  }
  if (gs)
    qsort(gs, n, sizeof *gs, by_goid);
  fflush(stdout);
  FILE *f = stderr;
  fprintf(f, "fatal error: all goroutines are asleep - deadlock!\n\n");
  for (size_t i = 0; gs && i < n; i++) {
    rk__g *g = gs[i];
    if (i)
      fprintf(f, "\n");
    fprintf(f, "goroutine %ld [%s]:\n", g->goid,
            rk__reason_name(atomic_load_explicit(&g->reason, memory_order_relaxed)));
    fprintf(f, "\t%s() at %s:%d\n", nz(g->wait_where.func), nz(g->wait_where.file),
            g->wait_where.line);
    if (!g->is_thread)
      fprintf(f, "created by %s at %s:%d\n", nz(g->created.func), nz(g->created.file),
              g->created.line);
  }
  fflush(f);
  fflush(stdout);
  /* exit_group directly: a checker's _exit hook may wait for the other
     threads (ThreadSanitizer sleeps a second), and they never end here */
  syscall(SYS_exit_group, 2);
  _exit(2);
}

int64_t rk__deadlock_poll(int64_t now) {
  if (!atomic_load(&dl_armed)) {
    dl_next = 0;
    return -1;
  }
  if (dl_next == 0)
    dl_next = now + RK__DL_GRACE_NS;
  if (now < dl_next)
    return dl_next - now;
  atomic_store(&dl_armed, 0);
  long e1 = atomic_load(&wake_epoch);
  if (atomic_load(&rk__running) != 0) {
    dl_next = 0;
    return -1; /* re-armed when it drops to zero again */
  }
  atomic_store(&dl_armed, 1);
  if (atomic_load(&rk__timers_pending) > 0 || unknown_threads()) {
    dl_next = now + RK__DL_RECHECK_NS;
    return RK__DL_RECHECK_NS;
  }
  if (atomic_load(&rk__running) == 0 && atomic_load(&wake_epoch) == e1 &&
      atomic_load(&rk__timers_pending) == 0)
    report();
  dl_next = now + RK__DL_GRACE_NS;
  return RK__DL_GRACE_NS;
}
