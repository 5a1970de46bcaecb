/* SPDX-License-Identifier: MIT */
// expect: race 13 28
/* A cleanup handler run by pthread_exit is still the exiting thread's
   code: its write races with main's unordered write. (Handlers run after
   pthread_exit is called, while the thread winds down.) TSan agrees. */
#include "corpus.h"

int x;
static corpus_barrier bar;

static void on_cancel(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
}

static void *worker(void *arg) {
  pthread_cleanup_push(on_cancel, NULL);
  pthread_exit(arg);
  pthread_cleanup_pop(0);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(worker, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  join(t);
  return 0;
}
