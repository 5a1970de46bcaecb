/* SPDX-License-Identifier: MIT */
// expect: race 12 23
/* free() is a write of the whole block: it races with an atomic operation
   on the block by another thread that nothing orders with it (atomics do
   not race with atomics, but free is not one). */
#include "corpus.h"

static corpus_barrier bar;

static void *counter(void *arg) {
  long *refs = arg;
  __atomic_fetch_add(&refs[3], 1, __ATOMIC_SEQ_CST); /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  long *refs = calloc(8, sizeof *refs);
  if (!refs) return 1;
  pthread_t t = spawn(counter, refs);
  invisible_barrier_wait(&bar);
  free(refs); /* R2 */
  join(t);
  return 0;
}
