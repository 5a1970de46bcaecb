/* SPDX-License-Identifier: MIT */
/* pthread-stop-flag (racy, plain POSIX threads): main sets a stop flag while
 * holding a mutex; the worker checks the flag on every round WITHOUT taking
 * the mutex. A mutex orders only the code that takes it: one side locking
 * is not enough. */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>

struct control {
  pthread_mutex_t mu;
  bool stop; /* written under mu by main; the worker reads it without mu (the bug) */
};

static struct control control = {PTHREAD_MUTEX_INITIALIZER, false};
static long rounds;                /* owned by the worker until it is joined */

static void *worker(void *arg) {
  struct control *c = arg;
  for (;;) {
    bool s = c->stop;
    if (s) break;
    rounds++; /* one round of work */
    sched_yield();
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, &control) != 0) return 1;
  pthread_mutex_lock(&control.mu);
  control.stop = true;
  pthread_mutex_unlock(&control.mu);
  pthread_join(t, NULL); /* HB: the thread's end pairs with this return */
  printf("worker stopped\n");
  return 0;
}
