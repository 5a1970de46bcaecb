/* SPDX-License-Identifier: MIT */
// expect: race 11 22
/* free() writes the whole block: freeing memory another thread has just
   written, with nothing ordering the two, is a race. */
#include "corpus.h"

static corpus_barrier bar;

static void *user(void *arg) {
  int *p = arg;
  p[12] = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  int *p = malloc(16 * sizeof *p);
  if (!p) return 1;
  pthread_t t = spawn(user, p);
  invisible_barrier_wait(&bar);
  free(p); /* R2 */
  join(t);
  return 0;
}
