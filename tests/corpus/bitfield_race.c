/* SPDX-License-Identifier: MIT */
// expect: race 16 25
/* Adjacent bit-fields are one memory location (C11 3.14): writing
   different bit-fields from two threads is a race. */
#include "corpus.h"

struct flags {
  unsigned lo : 4;
  unsigned hi : 4;
};
struct flags f;
static corpus_barrier bar;

static void *lo_writer(void *arg) {
  (void)arg;
  f.lo = 3; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(lo_writer, NULL);
  invisible_barrier_wait(&bar);
  f.hi = 5; /* R2 */
  join(t);
  return 0;
}
