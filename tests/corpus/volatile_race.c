/* SPDX-License-Identifier: MIT */
// expect: race 12 21
/* volatile is not atomic: two threads writing a volatile variable with no
   synchronization race like any other plain accesses. */
#include "corpus.h"

volatile int ticks;
static corpus_barrier bar;

static void *ticker(void *arg) {
  (void)arg;
  ticks = ticks + 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(ticker, NULL);
  invisible_barrier_wait(&bar);
  ticks = 0; /* R2 */
  join(t);
  return 0;
}
