/* SPDX-License-Identifier: MIT */
// expect: norace
/* A signal handler runs on the thread the signal was sent to: its writes
   are that thread's writes, ordered by join like any other. */
#include <signal.h>

#include "corpus.h"

int hits;      /* written by the handler, on the thread that raised */
int saw_hits;

static void on_usr1(int sig) {
  (void)sig;
  hits++;
}

static void *raiser(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++) pthread_kill(pthread_self(), SIGUSR1);
  saw_hits = hits;
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGUSR1, &sa, NULL) != 0) return 3;
  raise(SIGUSR1);
  pthread_t t = spawn(raiser, NULL);
  join(t);
  return hits == 11 && saw_hits == 11 ? 0 : 1;
}
