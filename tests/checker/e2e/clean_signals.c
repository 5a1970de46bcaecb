/* SPDX-License-Identifier: MIT */
/* expect: clean — asynchronous signals arrive while threads allocate and
   lock (inside the runtime); handlers run, nothing deadlocks. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static atomic_int hits; /* handlers run on several threads */
static atomic_int stop;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long shared;

static void on_signal(int sig) {
  (void)sig;
  atomic_fetch_add_explicit(&hits, 1, memory_order_relaxed);
}

static void *busy(void *arg) {
  (void)arg;
  while (!atomic_load(&stop)) {
    char *p = malloc(64);
    memset(p, 1, 64);
    pthread_mutex_lock(&mu);
    shared += p[3];
    pthread_mutex_unlock(&mu);
    free(p);
  }
  return 0;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGUSR1, &sa, 0);
  signal(SIGUSR2, on_signal);
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, busy, 0);
  for (int i = 0; i < 2000; i++) {
    pthread_kill(t[i & 1], (i & 2) ? SIGUSR1 : SIGUSR2);
    raise(SIGUSR1);
  }
  atomic_store(&stop, 1);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return atomic_load(&hits) > 0 ? 0 : 1;
}
