/* SPDX-License-Identifier: MIT */
// expect: norace
/* Each thread writes its own slot, then counts itself in with an acq_rel
   fetch_add; the thread that counts last reads every slot. Each RMW
   acquires what the earlier ones released, so the last one is ordered
   after every write (the reference-count-drop pattern). */
#include <stdatomic.h>

#include "corpus.h"

enum { THREADS = 6 };
long slot[THREADS];
long total;
_Atomic int arrived;
static corpus_barrier bar;

static void *worker(void *arg) {
  long i = (long)arg;
  invisible_barrier_wait(&bar);
  slot[i] = i + 1;
  if (atomic_fetch_add_explicit(&arrived, 1, memory_order_acq_rel) == THREADS - 1) {
    for (int k = 0; k < THREADS; k++) total += slot[k];
  }
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  return total == THREADS * (THREADS + 1) / 2 ? 0 : 1;
}
