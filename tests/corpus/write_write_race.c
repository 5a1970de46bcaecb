/* SPDX-License-Identifier: MIT */
// expect: race 11 20
/* Two threads write one global with no synchronization at all. */
#include "corpus.h"

int x;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  join(t);
  return 0;
}
