/* SPDX-License-Identifier: MIT */
// expect: race 23 37
// expect: race 24 35
// expect: race 25 36
/* One thread writes three one-byte fields of one 8-byte word at three
   lines, in one epoch, after reading a fourth; main later writes the three
   fields, unordered, in another order: three races, each reported at its
   own field's write (three stacks in one epoch: the word's shadow goes
   out of line, shadow.h). gcc 12's ThreadSanitizer agrees; clang 14's
   reports one race per word. */
#include "corpus.h"

struct bytes {
  volatile char a, b, c, d; /* volatile: the compiler may not merge the stores */
};
static _Alignas(8) struct bytes s;
static corpus_barrier bar;
int sink;

static void *writer(void *arg) {
  (void)arg;
  sink += s.d; /* a read that stays beside the writes */
  s.a = 1; /* R1 */
  s.b = 2; /* R3 */
  s.c = 3; /* R5 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  /* another order than the writer's: a line mix-up cannot pass by luck */
  s.b = 5; /* R4 */
  s.c = 6; /* R6 */
  s.a = 4; /* R2 */
  join(t);
  return 0;
}
