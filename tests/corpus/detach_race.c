/* SPDX-License-Identifier: MIT */
// expect: race 13 23
/* A detached thread cannot be joined, and nothing else orders its write
   with main's read. */
#include "corpus.h"

int x;
int sink;
static corpus_barrier bar;

static void *worker(void *arg) {
  (void)arg;
  x = 42; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(worker, NULL);
  pthread_detach(t);
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  return 0;
}
