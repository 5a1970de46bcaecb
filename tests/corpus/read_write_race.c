/* SPDX-License-Identifier: MIT */
// expect: race 13 22
/* A thread reads a global that main later writes, with nothing ordering
   the two: a read-write race. */
#include "corpus.h"

int x;
int sink;
static corpus_barrier bar;

static void *reader(void *arg) {
  (void)arg;
  sink = x; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(reader, NULL);
  invisible_barrier_wait(&bar);
  x = 1; /* R2 */
  join(t);
  return 0;
}
