/* SPDX-License-Identifier: MIT */
/* The scheduler (racekit/src/mn.c): goroutines that block or spin outside
   racekit never starve the others, many goroutines can be alive at once,
   and main keeps its thread. */
#include "rk_test.h"

#include <errno.h>
#include <sys/syscall.h>

/* More blockers than CPUs: every processor is held by one of them. */
static int nblockers(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)(2 * n + 1) : 3;
}

/* ---- a chain of goroutines hands a token along while others hog the
   processors: it must still get through. */

typedef struct chain {
  rk_chan *in, *out;
} chain;

static void link_fn(void *arg) {
  chain *c = arg;
  long v;
  rk_chan_recv(c->in, &v, NULL);
  v++;
  rk_chan_send(c->out, &v);
}

enum { LINKS = 50 };

/* Spawn LINKS goroutines passing a token through unbuffered channels and
   return the token at the end (LINKS if every link ran). */
static long run_chain(void) {
  static chain links[LINKS];
  rk_chan *first = rk_chan_make(sizeof(long), 0), *prev = first;
  for (int i = 0; i < LINKS; i++) {
    rk_chan *next = rk_chan_make(sizeof(long), 0);
    links[i] = (chain){prev, next};
    cr_assert_eq(rk_go(link_fn, &links[i]), 0);
    prev = next;
  }
  long v = 0;
  rk_chan_send(first, &v);
  rk_chan_recv(prev, &v, NULL);
  rk_chan_release(first);
  for (int i = 0; i < LINKS; i++)
    rk_chan_release(links[i].out);
  return v;
}

typedef struct hog {
  atomic_int *stop;
  atomic_int *started;
  rk_waitgroup *wg;
} hog;

static void spinner(void *arg) {
  hog *h = arg;
  atomic_fetch_add(h->started, 1);
  while (!atomic_load(h->stop))
    ; /* busy: never calls racekit, never yields */
  rk_wg_done(h->wg);
}

Test(sched, spinning_goroutines_do_not_starve_others, .timeout = 60) {
  int n = nblockers();
  atomic_int stop = 0, started = 0;
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  hog h = {&stop, &started, &wg};
  rk_wg_add(&wg, n);
  for (int i = 0; i < n; i++)
    cr_assert_eq(rk_go(spinner, &h), 0);
  /* every spinner runs (each needed an OS thread of its own) */
  while (atomic_load(&started) < n)
    rk_sleep(RK_MILLISECOND);
  cr_assert_eq(run_chain(), LINKS);
  atomic_store(&stop, 1);
  rk_wg_wait(&wg);
}

typedef struct reader {
  int fd;
  atomic_int *started;
  rk_waitgroup *wg;
} reader;

static void blocked_reader(void *arg) {
  reader *r = arg;
  char c;
  atomic_fetch_add(r->started, 1);
  while (read(r->fd, &c, 1) < 0 && errno == EINTR)
    ; /* blocked outside racekit until main writes */
  rk_wg_done(r->wg);
}

Test(sched, goroutines_blocked_in_system_calls_do_not_starve_others, .timeout = 60) {
  int n = nblockers();
  int fds[2];
  cr_assert_eq(pipe(fds), 0);
  atomic_int started = 0;
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  reader r = {fds[0], &started, &wg};
  rk_wg_add(&wg, n);
  for (int i = 0; i < n; i++)
    cr_assert_eq(rk_go(blocked_reader, &r), 0);
  while (atomic_load(&started) < n)
    rk_sleep(RK_MILLISECOND);
  cr_assert_eq(run_chain(), LINKS);
  for (int i = 0; i < n; i++)
    cr_assert_eq(write(fds[1], "x", 1), 1);
  rk_wg_wait(&wg);
  close(fds[0]);
  close(fds[1]);
}

/* ---- a goroutine that busy-waits for another one that is queued behind
   it on the same processor (the demos' stop-flag shape). */

static void set_flag(void *arg) { atomic_store((atomic_int *)arg, 1); }

static void waits_for_flag(void *arg) {
  atomic_int *flag = arg;
  atomic_int mine = 0;
  cr_assert_eq(rk_go(set_flag, &mine), 0);
  while (!atomic_load(&mine))
    ; /* the goroutine just spawned must run somewhere else */
  atomic_store(flag, 1);
}

Test(sched, busy_wait_on_a_queued_goroutine_finishes, .timeout = 60) {
  enum { N = 20 };
  for (int i = 0; i < N; i++) {
    atomic_int done = 0;
    cr_assert_eq(rk_go(waits_for_flag, &done), 0);
    while (!atomic_load(&done))
      rk_sleep(100 * RK_MICROSECOND);
  }
}

/* ---- many goroutines alive at once, each parked on a channel. */

typedef struct crowd {
  rk_chan *gate;    /* closed by main to release everyone */
  rk_chan *all_in;  /* the last one to arrive signals main */
  atomic_long arrived;
  long n;
  rk_waitgroup wg;
} crowd;

static void crowd_member(void *arg) {
  crowd *c = arg;
  if (atomic_fetch_add(&c->arrived, 1) + 1 == c->n)
    rk_chan_send(c->all_in, NULL);
  bool ok = true;
  rk_chan_recv(c->gate, NULL, &ok);
  if (!ok)
    rk_wg_done(&c->wg);
}

Test(sched, twenty_thousand_goroutines_alive, .timeout = 120) {
  enum { N = 20000 };
  static crowd c;
  c.gate = rk_chan_make(0, 0);
  c.all_in = rk_chan_make(0, 0);
  atomic_store(&c.arrived, 0);
  c.n = N;
  c.wg = (rk_waitgroup)RK_WAITGROUP_INIT;
  rk_wg_add(&c.wg, N);
  for (long i = 0; i < N; i++)
    cr_assert_eq(rk_go(crowd_member, &c), 0, "goroutine %ld", i);
  rk_chan_recv(c.all_in, NULL, NULL);
  cr_assert_eq(atomic_load(&c.arrived), N);
  rk_chan_close(c.gate);
  rk_wg_wait(&c.wg);
  rk_chan_release(c.gate);
  rk_chan_release(c.all_in);
}

/* ---- goroutines sleeping in rk_sleep (parked on a timer) */

typedef struct napper {
  rk_waitgroup wg;
  atomic_int short_naps; /* woke before their time */
} napper;

static void nap(void *arg) {
  napper *n = arg;
  int64_t t0 = rk_now();
  rk_sleep(20 * RK_MILLISECOND);
  if (rk_now() - t0 < 20 * RK_MILLISECOND)
    atomic_fetch_add(&n->short_naps, 1);
  rk_wg_done(&n->wg);
}

Test(sched, many_goroutines_in_rk_sleep, .timeout = 60) {
  enum { N = 2000 };
  static napper n;
  n.wg = (rk_waitgroup)RK_WAITGROUP_INIT;
  atomic_store(&n.short_naps, 0);
  rk_wg_add(&n.wg, N);
  for (int i = 0; i < N; i++)
    cr_assert_eq(rk_go(nap, &n), 0);
  rk_wg_wait(&n.wg);
  cr_assert_eq(atomic_load(&n.short_naps), 0);
}

/* ---- main keeps its thread: thread-local state of the program's main
   (and of a test framework around it) stays valid across blocking calls.
   Here main is woken by a goroutine running on another thread; without
   the main thread's preference main would go on on that thread. Only a
   goroutine holding the main thread without coming back lets main run
   elsewhere for a while, so a few such rounds are allowed. */

static pid_t tid(void) { return (pid_t)syscall(SYS_gettid); }

typedef struct waker {
  rk_chan *c;
  atomic_int started;
} waker;

static void wake_main_later(void *arg) {
  waker *w = arg;
  atomic_store(&w->started, 1);
  int64_t t0 = rk_now();
  while (rk_now() - t0 < 2 * RK_MILLISECOND)
    ; /* stay on this thread while main parks */
  rk_chan_send(w->c, NULL);
}

Test(sched, main_stays_on_the_main_thread, .timeout = 30) {
  enum { N = 20 };
  cr_assert_eq(tid(), getpid());
  int away = 0;
  for (int i = 0; i < N; i++) {
    waker w = {rk_chan_make(0, 0), 0};
    cr_assert_eq(rk_go(wake_main_later, &w), 0);
    while (!atomic_load(&w.started))
      ; /* the goroutine runs on another thread */
    rk_chan_recv(w.c, NULL, NULL);
    away += tid() != getpid();
    rk_chan_release(w.c);
  }
  cr_assert_leq(away, 2, "main went on on another thread in %d of %d rounds", away, N);
}
