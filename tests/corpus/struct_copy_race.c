/* SPDX-License-Identifier: MIT */
// expect: race 16 25
/* Assigning a whole struct writes every field: it races with a write of
   one field by another thread. */
#include "corpus.h"

struct pair {
  int a;
  int b;
};
struct pair p;
static corpus_barrier bar;

static void *field_writer(void *arg) {
  (void)arg;
  p.b = 7; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(field_writer, NULL);
  invisible_barrier_wait(&bar);
  p = (struct pair){1, 2}; /* R2 */
  join(t);
  return 0;
}
