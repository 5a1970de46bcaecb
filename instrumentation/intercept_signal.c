/* SPDX-License-Identifier: MIT */
/* Signal handlers run asynchronously, possibly while the interrupted
 * thread is inside the runtime holding a lock the handler's own accesses
 * would need. sigaction/signal install a wrapper: an asynchronous signal
 * that arrives while the thread is in the runtime (in_rt > 0) is queued on
 * the thread and delivered when it leaves the runtime (rkc__rt_leave);
 * synchronous signals (faults) and signals arriving in program code run
 * the program's handler at once.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>

#include "runtime.h"

_Static_assert(sizeof(siginfo_t) <= sizeof(((struct rkc__pending_sig *)0)->info), "siginfo fits");

enum { NSIGS = 65 };
static struct {
  _Atomic(uintptr_t) handler; /* the program's handler; atomic: read by the wrapper in any thread */
  atomic_int siginfo;         /* SA_SIGINFO given */
} user[NSIGS];

static bool synchronous(int sig) {
  return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP ||
         sig == SIGSYS || sig == SIGABRT;
}

static void call_user(int sig, siginfo_t *si, void *uc) {
  uintptr_t h = atomic_load(&user[sig].handler);
  if (h == (uintptr_t)SIG_IGN || h == (uintptr_t)SIG_DFL)
    return;
  if (atomic_load(&user[sig].siginfo))
    ((void (*)(int, siginfo_t *, void *))h)(sig, si, uc);
  else
    ((void (*)(int))h)(sig);
}

static void wrapper(int sig, siginfo_t *si, void *uc) {
  rkc__thr *t = rkc__cur;
  if (t && t->in_rt > 0 && !synchronous(sig)) {
    /* Like the kernel for standard signals: one pending instance of a
       signal at a time; a full queue drops (never runs the handler now). */
    for (int i = 0; i < t->npending; i++)
      if (t->pending[(t->phead + i) % RKC_MAX_PENDING_SIGS].sig == sig)
        return;
    if (t->npending >= RKC_MAX_PENDING_SIGS)
      return;
    struct rkc__pending_sig *p = &t->pending[(t->phead + t->npending) % RKC_MAX_PENDING_SIGS];
    p->sig = sig;
    if (si)
      rkc__bcopy(p->info, si, sizeof *si);
    else
      rkc__bzero(p->info, sizeof p->info);
    t->npending++; /* owner only: the handler runs on this thread */
    return;
  }
  call_user(sig, si, uc);
}

static void deliver_pending(rkc__thr *t) {
  while (t->npending > 0 && t->in_rt == 0) {
    /* Take the oldest entry with signals deferred (a signal arriving now
       is queued behind it), then run the handler as program code. */
    t->in_rt++;
    struct rkc__pending_sig *p = &t->pending[t->phead];
    int sig = p->sig;
    siginfo_t info;
    rkc__bcopy(&info, p->info, sizeof info);
    t->phead = (t->phead + 1) % RKC_MAX_PENDING_SIGS;
    t->npending--;
    t->in_rt--;
    call_user(sig, &info, NULL);
  }
}

void rkc__signal_init(void) { rkc__pending_hook = deliver_pending; }

RKC_EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  RKC_REAL(int (*)(int, const struct sigaction *, struct sigaction *), sigaction);
  if (sig <= 0 || sig >= NSIGS || sig == SIGKILL || sig == SIGSTOP)
    return real_sigaction(sig, act, old);
  uintptr_t prev_h = atomic_load(&user[sig].handler);
  int prev_si = atomic_load(&user[sig].siginfo);
  int r;
  if (act && act->sa_handler != SIG_IGN && act->sa_handler != SIG_DFL) {
    struct sigaction w = *act;
    atomic_store(&user[sig].siginfo, (act->sa_flags & SA_SIGINFO) != 0);
    atomic_store(&user[sig].handler, (act->sa_flags & SA_SIGINFO) ? (uintptr_t)act->sa_sigaction
                                                                   : (uintptr_t)act->sa_handler);
    w.sa_sigaction = wrapper;
    w.sa_flags |= SA_SIGINFO;
    r = real_sigaction(sig, &w, old);
  } else {
    r = real_sigaction(sig, act, old);
    if (r == 0 && act)
      atomic_store(&user[sig].handler, (uintptr_t)act->sa_handler);
  }
  if (r == 0 && old && old->sa_sigaction == wrapper) {
    if (prev_si) {
      old->sa_sigaction = (void (*)(int, siginfo_t *, void *))prev_h;
    } else {
      old->sa_handler = (void (*)(int))prev_h;
      old->sa_flags &= ~SA_SIGINFO;
    }
  }
  return r;
}

RKC_EXPORT sighandler_t signal(int sig, sighandler_t h) {
  struct sigaction act, old;
  memset(&act, 0, sizeof act);
  act.sa_handler = h;
  act.sa_flags = SA_RESTART;
  sigemptyset(&act.sa_mask);
  if (sigaction(sig, &act, &old) != 0)
    return SIG_ERR;
  return old.sa_handler;
}

RKC_EXPORT sighandler_t bsd_signal(int sig, sighandler_t h) { return signal(sig, h); }
