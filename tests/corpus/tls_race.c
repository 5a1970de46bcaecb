/* SPDX-License-Identifier: MIT */
// expect: race 15 25
/* A thread-local variable is private only as long as its address stays
   in its thread: main publishes the address of its own copy, and a thread
   writing through it races with main. */
#include "corpus.h"

static __thread int mine;
static int *volatile shared; /* written before the thread is created */
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  mine = 5; /* this thread's own copy: no race */
  *shared = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  shared = &mine;
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  mine = 2; /* R2 */
  join(t);
  return 0;
}
