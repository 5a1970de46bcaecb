/* SPDX-License-Identifier: MIT */
/* Interceptors of POSIX threads and their synchronization: creation, join,
 * detach, exit; mutexes, rwlocks, spin locks, condition variables,
 * barriers, once; POSIX semaphores. Each calls the real function (dlsym
 * RTLD_NEXT) and reports the edge around it: a release before the real
 * unlock/post/arrive, an acquire after the real lock/wait returns.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <time.h>

#include "runtime.h"
#include "sync.h"

#define PC() ((uintptr_t)__builtin_return_address(0))
RKC_HIDDEN void rkc__thread_started(rkc__thr *t);
RKC_HIDDEN void rkc__thread_exiting(rkc__thr *t);

/* The current thread when the call is the program's (not the runtime's). */
RKC_INLINE rkc__thr *user_thr(void) {
  rkc__thr *t = rkc__get_thr();
  return t && !t->in_rt ? t : NULL;
}

/* ------------------------------------------- pthread_t -> logical thread */

enum { NMAP = 4096 };
static rkc__spin map_lock;
static struct mapent {
  pthread_t th;
  rkc__thr *t;
  struct mapent *next;
} *map[NMAP]; /* guarded by map_lock */

static unsigned map_hash(pthread_t th) { return (unsigned)(((uint64_t)th * 0x9E3779B97F4A7C15ull) >> 52); }

static void map_put(pthread_t th, rkc__thr *t) {
  rkc__spin_lock(&map_lock);
  struct mapent **p = &map[map_hash(th)];
  for (struct mapent *e = *p; e; e = e->next) {
    if (e->th == th) {
      e->t = t;
      rkc__spin_unlock(&map_lock);
      return;
    }
  }
  rkc__spin_unlock(&map_lock);
  struct mapent *e = rkc__ialloc(sizeof *e);
  e->th = th;
  e->t = t;
  rkc__spin_lock(&map_lock);
  e->next = *p;
  *p = e;
  rkc__spin_unlock(&map_lock);
}

static rkc__thr *map_take(pthread_t th) {
  rkc__thr *t = NULL;
  struct mapent *found = NULL;
  rkc__spin_lock(&map_lock);
  for (struct mapent **p = &map[map_hash(th)]; *p; p = &(*p)->next) {
    if ((*p)->th == th) {
      found = *p;
      t = found->t;
      *p = found->next;
      break;
    }
  }
  rkc__spin_unlock(&map_lock);
  rkc__ifree(found, sizeof *found);
  return t;
}

RKC_HIDDEN void rkc__pthread_fork_lock(void);
RKC_HIDDEN void rkc__pthread_fork_unlock(void);
void rkc__pthread_fork_lock(void) { rkc__spin_lock(&map_lock); }
void rkc__pthread_fork_unlock(void) { rkc__spin_unlock(&map_lock); }

/* ------------------------------------------------------------- threads */

typedef struct start {
  rkc__thr *t;
  void *(*fn)(void *);
  void *arg;
  bool masked;     /* the child starts with asynchronous signals blocked */
  sigset_t mask;   /* the creator's signal mask: the child's from its start routine on */
} start;

/* Signals that report a fault of the thread itself: never blocked. */
static const int sync_sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGABRT};

static RKC_TLS rkc__thr *os_thr; /* the pthread's own logical thread (not a fiber) */

/* A thread's code goes on after its start routine returns or calls
   pthread_exit: cleanup handlers, C++ thread_local and thread-specific-data
   destructors. So the thread finishes in the destructor of a key of its
   own (as ThreadSanitizer does), set again each round until glibc's last
   round (PTHREAD_DESTRUCTOR_ITERATIONS), after the program's destructors
   of earlier rounds. Without the key (creation failed), it finishes when
   its start routine returns or calls pthread_exit. */
static pthread_key_t exit_key;
static bool exit_key_ok; /* written once at start-up, before any thread */

static void finish_os_thread(void) {
  rkc__thr *t = os_thr;
  if (t && rkc__cur) {
    os_thr = NULL;
    /* HB: everything the thread did happens before pthread_join returns
       (thread.c, rkc__thr_join). */
    rkc__thread_exiting(t);
  }
}

static void exit_key_dtor(void *v) {
  uintptr_t rounds = (uintptr_t)v;
  if (rounds > 1 && pthread_setspecific(exit_key, (void *)(rounds - 1)) == 0)
    return; /* called again in the next round */
  finish_os_thread();
}

RKC_HIDDEN void rkc__pthread_init(void);
void rkc__pthread_init(void) { exit_key_ok = pthread_key_create(&exit_key, exit_key_dtor) == 0; }

static void *trampoline(void *p) {
  start s = *(start *)p;
  rkc__ifree(p, sizeof(start));
  os_thr = s.t;
  rkc__thread_started(s.t);
  /* Known to the checker now: a signal sent to the new thread (pending
     until here) runs its handler as this thread's code, checked. */
  if (s.masked)
    pthread_sigmask(SIG_SETMASK, &s.mask, NULL);
  if (exit_key_ok && pthread_setspecific(exit_key, (void *)(uintptr_t)PTHREAD_DESTRUCTOR_ITERATIONS) != 0)
    finish_os_thread(); /* unreachable in practice: the key is valid */
  void *ret = s.fn(s.arg);
  if (!exit_key_ok)
    finish_os_thread();
  return ret;
}

RKC_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
  RKC_REAL(int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *), pthread_create);
  rkc__thr *t = user_thr();
  if (!t)
    return real_pthread_create(th, attr, fn, arg);
  rkc__rt_enter(t);
  uint32_t stk = rkc__user_site(t, PC());
  /* HB release: creation; the child starts from a copy of t's clock. */
  rkc__thr *c = rkc__thr_new(t, RKC_THREAD_PTHREAD, stk);
  start *s = rkc__ialloc(sizeof *s);
  *s = (start){c, fn, arg, false, {{0}}};
  /* The child inherits this mask: asynchronous signals wait until its
     logical thread is set (trampoline), as in ThreadSanitizer; a handler
     run before would be unchecked code. Faults stay deliverable. */
  sigset_t all, old;
  sigfillset(&all);
  for (unsigned i = 0; i < sizeof sync_sigs / sizeof sync_sigs[0]; i++)
    sigdelset(&all, sync_sigs[i]);
  bool masked = pthread_sigmask(SIG_SETMASK, &all, &old) == 0;
  s->masked = masked;
  s->mask = old;
  int r = real_pthread_create(th, attr, trampoline, s); /* s is the child's from here if r == 0 */
  if (masked)
    pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (r == 0) {
    map_put(*th, c);
  } else {
    rkc__ifree(s, sizeof *s);
    rkc__thr_finish(c);
    rkc__thr_detach(c);
  }
  rkc__rt_leave(t);
  return r;
}

/* The logical thread of th is taken out of the map BEFORE the real join:
   once the join returns, glibc may hand th's pthread_t to a new thread
   whose creation would replace the entry. Put back if the join fails. */
static rkc__thr *before_join(rkc__thr *t, pthread_t th) {
  if (!t)
    return NULL;
  rkc__rt_enter(t);
  rkc__thr *c = map_take(th);
  rkc__rt_leave(t);
  return c;
}

static void after_join(rkc__thr *t, pthread_t th, rkc__thr *c, int r) {
  if (!t || !c)
    return;
  rkc__rt_enter(t);
  if (r == 0)
    rkc__thr_join(t, c); /* HB acquire; pairs with the thread's finish in trampoline() */
  else
    map_put(th, c);
  rkc__rt_leave(t);
}

RKC_EXPORT int pthread_join(pthread_t th, void **ret) {
  RKC_REAL(int (*)(pthread_t, void **), pthread_join);
  rkc__thr *t = user_thr();
  rkc__thr *c = before_join(t, th);
  int r = real_pthread_join(th, ret);
  after_join(t, th, c, r);
  return r;
}

RKC_EXPORT int pthread_tryjoin_np(pthread_t th, void **ret) {
  RKC_REAL(int (*)(pthread_t, void **), pthread_tryjoin_np);
  rkc__thr *t = user_thr();
  rkc__thr *c = before_join(t, th);
  int r = real_pthread_tryjoin_np(th, ret);
  after_join(t, th, c, r);
  return r;
}

RKC_EXPORT int pthread_timedjoin_np(pthread_t th, void **ret, const struct timespec *abstime) {
  RKC_REAL(int (*)(pthread_t, void **, const struct timespec *), pthread_timedjoin_np);
  rkc__thr *t = user_thr();
  rkc__thr *c = before_join(t, th);
  int r = real_pthread_timedjoin_np(th, ret, abstime);
  after_join(t, th, c, r);
  return r;
}

RKC_EXPORT int pthread_detach(pthread_t th) {
  RKC_REAL(int (*)(pthread_t), pthread_detach);
  rkc__thr *t = user_thr();
  if (!t)
    return real_pthread_detach(th);
  rkc__rt_enter(t);
  rkc__thr *c = map_take(th);
  int r = real_pthread_detach(th);
  if (c) {
    if (r == 0)
      rkc__thr_detach(c);
    else
      map_put(th, c);
  }
  rkc__rt_leave(t);
  return r;
}

RKC_EXPORT _Noreturn void pthread_exit(void *ret) {
  RKC_REAL(void (*)(void *), pthread_exit);
  if (!exit_key_ok)
    finish_os_thread(); /* else in exit_key_dtor, after the cleanup handlers */
  real_pthread_exit(ret);
  __builtin_unreachable();
}

/* -------------------------------------------------------------- mutexes */

#define ACQ_AFTER(ok, call)                                                                         \
  do {                                                                                               \
    rkc__thr *t_ = user_thr();                                                                       \
    if ((ok) && t_) {                                                                                \
      rkc__rt_enter(t_);                                                                             \
      call;                                                                                          \
      rkc__rt_leave(t_);                                                                             \
    }                                                                                                \
  } while (0)

#define REL_BEFORE(call)                                                                            \
  do {                                                                                               \
    rkc__thr *t_ = user_thr();                                                                       \
    if (t_) {                                                                                        \
      rkc__rt_enter(t_);                                                                             \
      call;                                                                                          \
      rkc__rt_leave(t_);                                                                             \
    }                                                                                                \
  } while (0)

RKC_EXPORT int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a) {
  RKC_REAL(int (*)(pthread_mutex_t *, const pthread_mutexattr_t *), pthread_mutex_init);
  REL_BEFORE(rkc__sync_reset((uintptr_t)m));
  return real_pthread_mutex_init(m, a);
}

RKC_EXPORT int pthread_mutex_destroy(pthread_mutex_t *m) {
  RKC_REAL(int (*)(pthread_mutex_t *), pthread_mutex_destroy);
  int r = real_pthread_mutex_destroy(m);
  REL_BEFORE(rkc__sync_reset((uintptr_t)m));
  return r;
}

/* HB acquire; pairs with the release in pthread_mutex_unlock(). */
RKC_EXPORT int pthread_mutex_lock(pthread_mutex_t *m) {
  RKC_REAL(int (*)(pthread_mutex_t *), pthread_mutex_lock);
  int r = real_pthread_mutex_lock(m);
  ACQ_AFTER(r == 0 || r == EOWNERDEAD, rkc__acquire(t_, (uintptr_t)m));
  return r;
}

RKC_EXPORT int pthread_mutex_trylock(pthread_mutex_t *m) {
  RKC_REAL(int (*)(pthread_mutex_t *), pthread_mutex_trylock);
  int r = real_pthread_mutex_trylock(m);
  ACQ_AFTER(r == 0 || r == EOWNERDEAD, rkc__acquire(t_, (uintptr_t)m));
  return r;
}

RKC_EXPORT int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *ts) {
  RKC_REAL(int (*)(pthread_mutex_t *, const struct timespec *), pthread_mutex_timedlock);
  int r = real_pthread_mutex_timedlock(m, ts);
  ACQ_AFTER(r == 0 || r == EOWNERDEAD, rkc__acquire(t_, (uintptr_t)m));
  return r;
}

RKC_EXPORT int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t c, const struct timespec *ts) {
  RKC_REAL(int (*)(pthread_mutex_t *, clockid_t, const struct timespec *), pthread_mutex_clocklock);
  int r = real_pthread_mutex_clocklock(m, c, ts);
  ACQ_AFTER(r == 0 || r == EOWNERDEAD, rkc__acquire(t_, (uintptr_t)m));
  return r;
}

/* HB release; pairs with the acquire in pthread_mutex_lock() and the
   lock half of pthread_cond_wait(). */
RKC_EXPORT int pthread_mutex_unlock(pthread_mutex_t *m) {
  RKC_REAL(int (*)(pthread_mutex_t *), pthread_mutex_unlock);
  REL_BEFORE(rkc__release(t_, (uintptr_t)m));
  return real_pthread_mutex_unlock(m);
}

/* --------------------------------------------------------------- rwlocks */

RKC_EXPORT int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a) {
  RKC_REAL(int (*)(pthread_rwlock_t *, const pthread_rwlockattr_t *), pthread_rwlock_init);
  REL_BEFORE(rkc__sync_reset((uintptr_t)l));
  return real_pthread_rwlock_init(l, a);
}

RKC_EXPORT int pthread_rwlock_destroy(pthread_rwlock_t *l) {
  RKC_REAL(int (*)(pthread_rwlock_t *), pthread_rwlock_destroy);
  int r = real_pthread_rwlock_destroy(l);
  REL_BEFORE(rkc__sync_reset((uintptr_t)l));
  return r;
}

#define RW_ACQ(name, call, ...)                                                                     \
  RKC_EXPORT int name(pthread_rwlock_t *l) {                                                        \
    RKC_REAL(int (*)(pthread_rwlock_t *), name);                                                    \
    int r = real_##name(l);                                                                         \
    ACQ_AFTER(r == 0, call(t_, (uintptr_t)l));                                                      \
    return r;                                                                                       \
  }
/* HB acquire; pairs with the release in pthread_rwlock_unlock(). */
RW_ACQ(pthread_rwlock_rdlock, rkc__rw_rdlock)
RW_ACQ(pthread_rwlock_tryrdlock, rkc__rw_rdlock)
RW_ACQ(pthread_rwlock_wrlock, rkc__rw_wrlock)
RW_ACQ(pthread_rwlock_trywrlock, rkc__rw_wrlock)

RKC_EXPORT int pthread_rwlock_timedrdlock(pthread_rwlock_t *l, const struct timespec *ts) {
  RKC_REAL(int (*)(pthread_rwlock_t *, const struct timespec *), pthread_rwlock_timedrdlock);
  int r = real_pthread_rwlock_timedrdlock(l, ts);
  ACQ_AFTER(r == 0, rkc__rw_rdlock(t_, (uintptr_t)l));
  return r;
}

RKC_EXPORT int pthread_rwlock_timedwrlock(pthread_rwlock_t *l, const struct timespec *ts) {
  RKC_REAL(int (*)(pthread_rwlock_t *, const struct timespec *), pthread_rwlock_timedwrlock);
  int r = real_pthread_rwlock_timedwrlock(l, ts);
  ACQ_AFTER(r == 0, rkc__rw_wrlock(t_, (uintptr_t)l));
  return r;
}

/* HB release; pairs with the acquires of the rwlock lock functions. */
RKC_EXPORT int pthread_rwlock_unlock(pthread_rwlock_t *l) {
  RKC_REAL(int (*)(pthread_rwlock_t *), pthread_rwlock_unlock);
  REL_BEFORE(rkc__rw_unlock(t_, (uintptr_t)l));
  return real_pthread_rwlock_unlock(l);
}

/* ------------------------------------------------------------ spin locks */

RKC_EXPORT int pthread_spin_init(pthread_spinlock_t *l, int shared) {
  RKC_REAL(int (*)(pthread_spinlock_t *, int), pthread_spin_init);
  REL_BEFORE(rkc__sync_reset((uintptr_t)l));
  return real_pthread_spin_init(l, shared);
}

RKC_EXPORT int pthread_spin_lock(pthread_spinlock_t *l) {
  RKC_REAL(int (*)(pthread_spinlock_t *), pthread_spin_lock);
  int r = real_pthread_spin_lock(l);
  ACQ_AFTER(r == 0, rkc__acquire(t_, (uintptr_t)l)); /* HB acquire; pairs with pthread_spin_unlock */
  return r;
}

RKC_EXPORT int pthread_spin_trylock(pthread_spinlock_t *l) {
  RKC_REAL(int (*)(pthread_spinlock_t *), pthread_spin_trylock);
  int r = real_pthread_spin_trylock(l);
  ACQ_AFTER(r == 0, rkc__acquire(t_, (uintptr_t)l));
  return r;
}

RKC_EXPORT int pthread_spin_unlock(pthread_spinlock_t *l) {
  RKC_REAL(int (*)(pthread_spinlock_t *), pthread_spin_unlock);
  REL_BEFORE(rkc__release(t_, (uintptr_t)l)); /* HB release; pairs with pthread_spin_lock */
  return real_pthread_spin_unlock(l);
}

/* --------------------------------------------------- condition variables */

/* glibc has two versions of the condition variable functions; the program
   links against the current one (GLIBC_2.3.2). */
static void *cond_real(const char *name) {
  void *p = dlvsym(RTLD_NEXT, name, "GLIBC_2.3.2");
  return p ? p : rkc__real(name);
}

/* A wait is an unlock (HB release; pairs with the acquire of the next
   locker) and a lock (HB acquire; pairs with the previous unlock). */
RKC_EXPORT int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
  static int (*real)(pthread_cond_t *, pthread_mutex_t *);
  if (!real)
    real = (int (*)(pthread_cond_t *, pthread_mutex_t *))cond_real("pthread_cond_wait");
  REL_BEFORE(rkc__release(t_, (uintptr_t)m));
  int r = real(c, m);
  ACQ_AFTER(1, rkc__acquire(t_, (uintptr_t)m));
  return r;
}

RKC_EXPORT int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *ts) {
  static int (*real)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);
  if (!real)
    real = (int (*)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *))cond_real(
        "pthread_cond_timedwait");
  REL_BEFORE(rkc__release(t_, (uintptr_t)m));
  int r = real(c, m, ts);
  ACQ_AFTER(1, rkc__acquire(t_, (uintptr_t)m));
  return r;
}

RKC_EXPORT int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clk,
                                      const struct timespec *ts) {
  RKC_REAL(int (*)(pthread_cond_t *, pthread_mutex_t *, clockid_t, const struct timespec *),
           pthread_cond_clockwait);
  REL_BEFORE(rkc__release(t_, (uintptr_t)m));
  int r = real_pthread_cond_clockwait(c, m, clk, ts);
  ACQ_AFTER(1, rkc__acquire(t_, (uintptr_t)m));
  return r;
}

/* -------------------------------------------------------------- barriers */

RKC_EXPORT int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *a, unsigned n) {
  RKC_REAL(int (*)(pthread_barrier_t *, const pthread_barrierattr_t *, unsigned), pthread_barrier_init);
  int r = real_pthread_barrier_init(b, a, n);
  if (r == 0)
    REL_BEFORE(rkc__barrier_init((uintptr_t)b, n));
  return r;
}

RKC_EXPORT int pthread_barrier_destroy(pthread_barrier_t *b) {
  RKC_REAL(int (*)(pthread_barrier_t *), pthread_barrier_destroy);
  int r = real_pthread_barrier_destroy(b);
  REL_BEFORE(rkc__sync_reset((uintptr_t)b));
  return r;
}

/* Every arrival of a round happens before every departure of it. */
RKC_EXPORT int pthread_barrier_wait(pthread_barrier_t *b) {
  RKC_REAL(int (*)(pthread_barrier_t *), pthread_barrier_wait);
  unsigned token = 0;
  REL_BEFORE(token = rkc__barrier_arrive(t_, (uintptr_t)b)); /* HB release; pairs with depart */
  int r = real_pthread_barrier_wait(b);
  ACQ_AFTER(1, rkc__barrier_depart(t_, (uintptr_t)b, token)); /* HB acquire; pairs with arrive */
  return r;
}

/* ------------------------------------------------------------------ once */

static RKC_TLS struct once_frame {
  void (*fn)(void);
  pthread_once_t *once;
} once_cur;

static void once_tramp(void) {
  struct once_frame f = once_cur;
  f.fn();
  /* HB release; pairs with the acquire in pthread_once(). */
  REL_BEFORE(rkc__release(t_, (uintptr_t)f.once));
}

RKC_EXPORT int pthread_once(pthread_once_t *once, void (*fn)(void)) {
  RKC_REAL(int (*)(pthread_once_t *, void (*)(void)), pthread_once);
  if (!user_thr())
    return real_pthread_once(once, fn);
  struct once_frame saved = once_cur;
  once_cur = (struct once_frame){fn, once};
  int r = real_pthread_once(once, once_tramp);
  once_cur = saved;
  ACQ_AFTER(r == 0, rkc__acquire(t_, (uintptr_t)once)); /* HB acquire; pairs with once_tramp() */
  return r;
}

/* ------------------------------------------------------------ semaphores */

RKC_EXPORT int sem_init(sem_t *s, int shared, unsigned v) {
  RKC_REAL(int (*)(sem_t *, int, unsigned), sem_init);
  REL_BEFORE(rkc__sync_reset((uintptr_t)s));
  return real_sem_init(s, shared, v);
}

/* HB release; pairs with the acquire of the sem_wait it wakes. */
RKC_EXPORT int sem_post(sem_t *s) {
  RKC_REAL(int (*)(sem_t *), sem_post);
  REL_BEFORE(rkc__release(t_, (uintptr_t)s));
  return real_sem_post(s);
}

RKC_EXPORT int sem_wait(sem_t *s) {
  RKC_REAL(int (*)(sem_t *), sem_wait);
  int r = real_sem_wait(s);
  ACQ_AFTER(r == 0, rkc__acquire(t_, (uintptr_t)s)); /* HB acquire; pairs with sem_post */
  return r;
}

RKC_EXPORT int sem_trywait(sem_t *s) {
  RKC_REAL(int (*)(sem_t *), sem_trywait);
  int r = real_sem_trywait(s);
  ACQ_AFTER(r == 0, rkc__acquire(t_, (uintptr_t)s));
  return r;
}

RKC_EXPORT int sem_timedwait(sem_t *s, const struct timespec *ts) {
  RKC_REAL(int (*)(sem_t *, const struct timespec *), sem_timedwait);
  int r = real_sem_timedwait(s, ts);
  ACQ_AFTER(r == 0, rkc__acquire(t_, (uintptr_t)s));
  return r;
}

RKC_EXPORT int sem_clockwait(sem_t *s, clockid_t c, const struct timespec *ts) {
  RKC_REAL(int (*)(sem_t *, clockid_t, const struct timespec *), sem_clockwait);
  int r = real_sem_clockwait(s, c, ts);
  ACQ_AFTER(r == 0, rkc__acquire(t_, (uintptr_t)s));
  return r;
}
