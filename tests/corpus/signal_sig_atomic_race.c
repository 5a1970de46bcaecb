/* SPDX-License-Identifier: MIT */
// expect: race 19 39
/* volatile sig_atomic_t makes a flag safe between a handler and the code
   of the thread it interrupts, not between threads: the handler runs on
   another thread, and main's read of the flag races with its write. The
   signal is sent right after pthread_create: the new thread may not have
   reached its start routine yet, so it must hold the signal until the
   checker knows it (TSan does the same). TSan agrees. */
#include <signal.h>
#include <stdatomic.h>

#include "corpus.h"

volatile sig_atomic_t got_signal;
static atomic_int stop; /* relaxed only: orders nothing */
static corpus_barrier bar;

static void on_usr1(int sig) {
  got_signal = sig; /* R1 */
  invisible_barrier_wait(&bar);
}

static void *target(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
  }
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGUSR1, &sa, NULL) != 0) return 3;
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(target, NULL);
  pthread_kill(t, SIGUSR1);
  invisible_barrier_wait(&bar); /* the handler has run */
  int seen = got_signal; /* R2 */
  atomic_store_explicit(&stop, 1, memory_order_relaxed);
  join(t);
  return seen == SIGUSR1 ? 0 : 1;
}
