/* SPDX-License-Identifier: MIT */
// expect: norace
/* Each thread joins the previous one before touching x: a chain of join
   edges orders every access, though no thread is created by the one that
   last wrote. */
#include "corpus.h"

enum { N = 6 };
int x;
static pthread_t threads[N]; /* written by main before it creates the reader */

static void *step(void *arg) {
  long i = (long)arg;
  if (i > 0) join(threads[i - 1]);
  x = x * 2 + (int)i;
  return NULL;
}

int main(void) {
  for (long i = 0; i < N; i++) threads[i] = spawn(step, (void *)i);
  join(threads[N - 1]);
  return x == 57 ? 0 : 1;
}
