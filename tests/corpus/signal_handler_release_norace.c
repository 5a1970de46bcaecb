/* SPDX-License-Identifier: MIT */
// expect: norace
/* A handler running on another thread publishes data with a release store;
   main's acquire load that sees it orders the handler's write before
   main's read. A handler's accesses are its thread's accesses, atomics
   included. */
#include <signal.h>
#include <stdatomic.h>
#include <sched.h>

#include "corpus.h"

int data;
static atomic_int ready;
static atomic_int stop; /* relaxed only: orders nothing */

static void on_usr1(int sig) {
  data = sig;
  atomic_store_explicit(&ready, 1, memory_order_release); /* pairs with the acquire in main */
}

static void *target(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) sched_yield();
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGUSR1, &sa, NULL) != 0) return 3;
  pthread_t t = spawn(target, NULL);
  pthread_kill(t, SIGUSR1);
  while (!atomic_load_explicit(&ready, memory_order_acquire)) sched_yield();
  int seen = data;
  atomic_store_explicit(&stop, 1, memory_order_relaxed);
  join(t);
  return seen == SIGUSR1 ? 0 : 1;
}
