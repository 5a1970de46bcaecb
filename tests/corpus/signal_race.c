/* SPDX-License-Identifier: MIT */
// expect: race 14 32
/* A handler running on one thread writes a global that another thread
   writes with no synchronization. */
#include <signal.h>

#include "corpus.h"

int x;
static corpus_barrier bar;

static void on_usr1(int sig) {
  (void)sig;
  x = 1; /* R1 */
}

static void *raiser(void *arg) {
  (void)arg;
  pthread_kill(pthread_self(), SIGUSR1);
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGUSR1, &sa, NULL) != 0) return 3;
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(raiser, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  join(t);
  return 0;
}
