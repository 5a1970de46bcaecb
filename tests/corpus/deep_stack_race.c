/* SPDX-License-Identifier: MIT */
// expect: race 17 32
/* The racing write sits 300 calls deep in a recursion: the report still
   names the line of the access itself. */
#include "corpus.h"

enum { DEPTH = 300 };
_Alignas(64) int x; /* a 64-byte line of its own: the race is x's alone */
_Alignas(64) int calls;
static corpus_barrier bar;

static __attribute__((noinline)) void descend(int depth) {
  calls++;
  if (depth > 0)
    descend(depth - 1);
  else
    x = 1; /* R1 */
  calls--;
}

static void *writer(void *arg) {
  (void)arg;
  descend(DEPTH);
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
