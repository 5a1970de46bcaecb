/* SPDX-License-Identifier: MIT */
// expect: race 12 22
/* main passes the address of one of its local variables to a thread;
   both write it with nothing ordering the two. Stack memory is memory
   like any other. */
#include "corpus.h"

static corpus_barrier bar;

static void *writer(void *arg) {
  int *counter = arg;
  *counter = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  int counter = 0;
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, &counter);
  invisible_barrier_wait(&bar);
  counter = 2; /* R2 */
  join(t);
  return counter == 2 ? 0 : 1;
}
