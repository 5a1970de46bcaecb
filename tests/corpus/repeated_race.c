/* SPDX-License-Identifier: MIT */
// expect: race 14 24
/* The same two lines race thousands of times (and on many addresses):
   reported once, and counted once. */
#include "corpus.h"

enum { N = 64, ROUNDS = 200 };
long cells[N];
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  for (int r = 0; r < ROUNDS; r++)
    for (int i = 0; i < N; i++) cells[i] += r; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  for (int r = 0; r < ROUNDS; r++)
    for (int i = 0; i < N; i++) cells[i] = r; /* R2 */
  join(t);
  return 0;
}
