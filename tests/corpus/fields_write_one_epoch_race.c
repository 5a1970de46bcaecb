/* SPDX-License-Identifier: MIT */
// expect: race 22 34
// expect: race 23 33
/* One thread writes the two fields of one 8-byte struct at two lines, in
   one epoch; main later reads them, unordered, in the other order: two
   races, each reported at its own field's write. The two writes share one
   shadow record (one thread, one epoch), which must still name the second
   write's line for the second field's bytes (shadow.h, RKC_R_WSPLIT).
   gcc 12's ThreadSanitizer agrees; clang 14's reports only one race (one
   report per word). */
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
  sink += p.y; /* R4 */
  sink += p.x; /* R2 */
  join(t);
  return 0;
}
