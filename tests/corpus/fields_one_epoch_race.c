/* SPDX-License-Identifier: MIT */
// expect: race 19 32
// expect: race 20 31
/* One thread writes the two fields of one 8-byte struct at two lines, in
   one epoch; main later writes them, unordered, in the other order: two
   races, each reported at its own field's lines (the second write must not
   join the first one's record and inherit its line). TSan agrees. */
#include "corpus.h"

struct pair {
  volatile int x, y; /* volatile: the compiler may not merge the two stores */
};
static struct pair p;
static corpus_barrier bar;
int sink;

static void *writer(void *arg) {
  (void)arg;
  p.x = 1; /* R1 */
  p.y = 2; /* R3 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  /* other order than the writer's: a line mix-up cannot pass by luck */
  sink = 0;
  p.y = 3; /* R4 */
  p.x = 4; /* R2 */
  join(t);
  return 0;
}
