/* SPDX-License-Identifier: MIT */
// expect: race 25 14
/* A thread with a small stack (64 KiB, as thread pools and coroutine
   libraries use) races with main: the race is reported on that thread's
   stack, which must be enough for the checker's report. */
#include "corpus.h"

int x;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  x = 1; /* R2 */
  return NULL;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  invisible_barrier_init(&bar, 2);
  pthread_t t;
  if (pthread_create(&t, &attr, writer, NULL) != 0) return 3;
  x = 2; /* R1 */
  invisible_barrier_wait(&bar);
  join(t);
  pthread_attr_destroy(&attr);
  return 0;
}
