/* SPDX-License-Identifier: MIT */
// expect: race 21 28
/* A detached thread writes x and exits; nothing orders it before main.
   Main, the only thread running then, creates a second thread, which
   writes x. Creating a thread while alone lets the checker forget what
   every later thread is ordered after; the detached thread's write is
   not among it (main never synchronized with it): the two writes race. */
#define _GNU_SOURCE
#include "corpus.h"

#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

int x;
static _Atomic int tid; /* relaxed: no happens-before */

static void *first(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  atomic_store_explicit(&tid, (int)syscall(SYS_gettid), memory_order_relaxed);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  x = 2; /* R2 */
  return NULL;
}

int main(void) {
  pthread_t t = spawn(first, NULL);
  pthread_detach(t);
  int k;
  while (!(k = atomic_load_explicit(&tid, memory_order_relaxed)))
    sched_yield();
  /* the kernel thread is gone: its last instrumented access is long done */
  while (syscall(SYS_tgkill, getpid(), k, 0) == 0)
    sched_yield();
  pthread_t u = spawn(second, NULL);
  join(u);
  return 0;
}
