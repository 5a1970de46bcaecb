/* SPDX-License-Identifier: MIT */
// expect: race 22 34
// expect: race 23 33
/* One thread reads the two fields of one 8-byte struct at two lines, in
   one epoch; main later writes them, unordered, in the other order: two
   races, each reported at its own field's read (the second read must not
   join the first one's record and inherit its line; main's two writes
   share one record with a note, fields_write_one_epoch_race.c). gcc 12's
   ThreadSanitizer agrees; clang 14's reports only the second race (one
   report per word). */
#include "corpus.h"

struct pair {
  volatile int x, y; /* volatile: the compiler may not merge the two loads */
};
static struct pair p = {1, 2};
static corpus_barrier bar;
int sink;

static void *reader(void *arg) {
  (void)arg;
  sink += p.x; /* R1 */
  sink += p.y; /* R3 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(reader, NULL);
  invisible_barrier_wait(&bar);
  /* other order than the reader's: a line mix-up cannot pass by luck */
  p.y = 3; /* R4 */
  p.x = 4; /* R2 */
  join(t);
  return 0;
}
