/* SPDX-License-Identifier: MIT */
/* pthread-stop-flag (fixed, plain POSIX threads): main sets a stop flag
 * while holding a mutex, and the worker reads it while holding the same
 * mutex: main's unlock happens before the worker's next lock returns. */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>

struct control {
  pthread_mutex_t mu;
  bool stop; /* guarded by mu */
};

static struct control control = {PTHREAD_MUTEX_INITIALIZER, false};
static long rounds;                /* owned by the worker until it is joined */

static void *worker(void *arg) {
  struct control *c = arg;
  for (;;) {
    pthread_mutex_lock(&c->mu); /* HB: pairs with the unlock in main() */
    bool s = c->stop;
    pthread_mutex_unlock(&c->mu);
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
  pthread_mutex_unlock(&control.mu); /* HB: pairs with the worker's lock */
  pthread_join(t, NULL); /* HB: the thread's end pairs with this return */
  printf("worker stopped\n");
  return 0;
}
