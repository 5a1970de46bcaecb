/* SPDX-License-Identifier: MIT */
/* Interceptors of C11 <threads.h>: threads, mutexes, condition variables
 * and call_once.
 *
 * DESIGN: glibc implements each C11 function over its POSIX twin, but
 * calls the twin inside libc, where the checker's pthread interceptors
 * (intercept_pthread.c) never see it: a program using thrd_create was
 * checked as if it had one thread. Here each C11 function is written over
 * the PUBLIC pthread function, which resolves to the interceptor, so every
 * happens-before edge is the one its POSIX twin reports: thrd_create is
 * pthread_create's creation edge, thrd_join pthread_join's finish edge,
 * mtx_unlock -> mtx_lock, cnd_signal/broadcast -> the woken cnd_wait,
 * call_once's function -> every later call_once. glibc's C11 types share
 * the layout of their POSIX twins (mtx_t and pthread_mutex_t, cnd_t and
 * pthread_cond_t, once_flag and pthread_once_t, thrd_t and pthread_t).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <threads.h>

#include "runtime.h"

_Static_assert(sizeof(mtx_t) == sizeof(pthread_mutex_t), "mtx_t is not a pthread mutex");
_Static_assert(sizeof(cnd_t) == sizeof(pthread_cond_t), "cnd_t is not a pthread cond");
_Static_assert(sizeof(once_flag) == sizeof(pthread_once_t), "once_flag is not a pthread once");
_Static_assert(sizeof(thrd_t) == sizeof(pthread_t), "thrd_t is not a pthread_t");

/* The error map of glibc's C11 functions. */
static int c11_err(int e) {
  switch (e) {
  case 0: return thrd_success;
  case ENOMEM: return thrd_nomem;
  case ETIMEDOUT: return thrd_timedout;
  case EBUSY: return thrd_busy;
  default: return thrd_error;
  }
}

/* ------------------------------------------------------------- threads */

typedef struct c11_start {
  thrd_start_t fn;
  void *arg;
} c11_start;

static void *c11_trampoline(void *p) {
  c11_start s = *(c11_start *)p;
  rkc__ifree(p, sizeof(c11_start));
  return (void *)(intptr_t)s.fn(s.arg);
}

RKC_EXPORT int thrd_create(thrd_t *thr, thrd_start_t fn, void *arg) {
  c11_start *s = rkc__ialloc(sizeof *s);
  *s = (c11_start){fn, arg};
  pthread_t th;
  /* HB release: creation, by the pthread_create interceptor. */
  int r = pthread_create(&th, NULL, c11_trampoline, s);
  if (r != 0) {
    rkc__ifree(s, sizeof *s);
    return r == EAGAIN ? thrd_nomem : c11_err(r);
  }
  *thr = (thrd_t)th;
  return thrd_success;
}

RKC_EXPORT int thrd_join(thrd_t thr, int *res) {
  void *ret;
  /* HB acquire: the thread's finish, by the pthread_join interceptor. */
  int r = pthread_join((pthread_t)thr, &ret);
  if (r != 0)
    return c11_err(r);
  if (res)
    *res = (int)(intptr_t)ret;
  return thrd_success;
}

RKC_EXPORT int thrd_detach(thrd_t thr) { return c11_err(pthread_detach((pthread_t)thr)); }

RKC_EXPORT _Noreturn void thrd_exit(int res) { pthread_exit((void *)(intptr_t)res); }

/* ------------------------------------------------------------- mutexes */

RKC_EXPORT int mtx_init(mtx_t *m, int type) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  if (type & mtx_recursive)
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  int r = pthread_mutex_init((pthread_mutex_t *)m, &a);
  pthread_mutexattr_destroy(&a);
  return c11_err(r);
}

RKC_EXPORT void mtx_destroy(mtx_t *m) { pthread_mutex_destroy((pthread_mutex_t *)m); }

/* HB acquire after each successful lock; pairs with mtx_unlock (both by the
   pthread_mutex interceptors). */
RKC_EXPORT int mtx_lock(mtx_t *m) { return c11_err(pthread_mutex_lock((pthread_mutex_t *)m)); }

RKC_EXPORT int mtx_trylock(mtx_t *m) {
  return c11_err(pthread_mutex_trylock((pthread_mutex_t *)m));
}

RKC_EXPORT int mtx_timedlock(mtx_t *restrict m, const struct timespec *restrict ts) {
  return c11_err(pthread_mutex_timedlock((pthread_mutex_t *)m, ts));
}

/* HB release; pairs with the next mtx_lock/trylock/timedlock. */
RKC_EXPORT int mtx_unlock(mtx_t *m) { return c11_err(pthread_mutex_unlock((pthread_mutex_t *)m)); }

/* ------------------------------------------------- condition variables */

RKC_EXPORT int cnd_init(cnd_t *c) { return c11_err(pthread_cond_init((pthread_cond_t *)c, NULL)); }

RKC_EXPORT void cnd_destroy(cnd_t *c) { pthread_cond_destroy((pthread_cond_t *)c); }

RKC_EXPORT int cnd_signal(cnd_t *c) { return c11_err(pthread_cond_signal((pthread_cond_t *)c)); }

RKC_EXPORT int cnd_broadcast(cnd_t *c) {
  return c11_err(pthread_cond_broadcast((pthread_cond_t *)c));
}

RKC_EXPORT int cnd_wait(cnd_t *c, mtx_t *m) {
  return c11_err(pthread_cond_wait((pthread_cond_t *)c, (pthread_mutex_t *)m));
}

RKC_EXPORT int cnd_timedwait(cnd_t *restrict c, mtx_t *restrict m,
                             const struct timespec *restrict ts) {
  return c11_err(pthread_cond_timedwait((pthread_cond_t *)c, (pthread_mutex_t *)m, ts));
}

/* ----------------------------------------------------------- call_once */

/* HB: the function's return happens before every call_once that returns
   (by the pthread_once interceptor). */
RKC_EXPORT void call_once(once_flag *flag, void (*fn)(void)) {
  pthread_once((pthread_once_t *)flag, fn);
}
