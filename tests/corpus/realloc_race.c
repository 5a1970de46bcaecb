/* SPDX-License-Identifier: MIT */
// expect: race 12 23
/* realloc reads the old block and frees it: a concurrent write into the
   old block races with it. */
#include "corpus.h"

int *grown; /* keeps the compiler from folding realloc + free into free */
static corpus_barrier bar;

static void *writer(void *arg) {
  int *p = arg;
  p[2] = 5; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  int *p = calloc(4, sizeof *p);
  if (!p) return 1;
  pthread_t t = spawn(writer, p);
  invisible_barrier_wait(&bar);
  grown = realloc(p, 4096 * sizeof *grown); /* R2 */
  join(t);
  free(grown);
  return 0;
}
