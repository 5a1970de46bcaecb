/* SPDX-License-Identifier: MIT */
// expect: race 12 25
/* main joins the wrong thread before reading what another one wrote. */
#include "corpus.h"

int x;
int sink;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *idle(void *arg) { return arg; }

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t w = spawn(writer, NULL);
  pthread_t i = spawn(idle, NULL);
  invisible_barrier_wait(&bar);
  join(i);
  sink = x; /* R2 */
  join(w);
  return 0;
}
