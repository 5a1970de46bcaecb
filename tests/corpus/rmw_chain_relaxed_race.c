/* SPDX-License-Identifier: MIT */
// expect: race 20 22
/* The reference-count-drop pattern with a relaxed fetch_add: the RMWs
   order nothing, and the last thread's reads of the other slots race with
   their writes. Whichever thread comes last, the racing lines are the
   same two. */
#include <stdatomic.h>

#include "corpus.h"

enum { THREADS = 4 };
long slot[THREADS];
long total;
_Atomic int arrived;
static corpus_barrier bar;

static void *worker(void *arg) {
  long i = (long)arg;
  invisible_barrier_wait(&bar);
  slot[i] = i + 1; /* R1 */
  if (atomic_fetch_add_explicit(&arrived, 1, memory_order_relaxed) == THREADS - 1) {
    for (int k = 0; k < THREADS; k++) total += slot[k]; /* R2 */
  }
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  return 0;
}
