/* SPDX-License-Identifier: MIT */
// expect: race 22 13
/* main frees a block while another thread still uses it, unordered: the
   thread's write races with the free. (The write lands past the
   allocator's bookkeeping words, so the program itself survives it.) */
#include "corpus.h"

static corpus_barrier bar;

static void *late_user(void *arg) {
  int *p = arg;
  invisible_barrier_wait(&bar);
  p[12] = 1; /* R2 */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  int *p = malloc(16 * sizeof *p);
  if (!p) return 1;
  pthread_t t = spawn(late_user, p);
  free(p); /* R1 */
  invisible_barrier_wait(&bar);
  join(t);
  return 0;
}
