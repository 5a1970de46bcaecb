/* SPDX-License-Identifier: MIT */
// expect: race 19 28
/* memcmp reads both of its ranges: a concurrent write into the second one
   races. (The length is a variable, so neither compiler expands the call
   inline; the result is used as an order, so clang keeps memcmp instead
   of turning an equality test into bcmp.) */
#include <string.h>

#include "corpus.h"

char a[48] = "a stitch in time saves nine";
char b[48] = "a stitch in time saves nine";
size_t n = sizeof a;
int order;
static corpus_barrier bar;

static void *editor(void *arg) {
  (void)arg;
  b[20] = 'X'; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(editor, NULL);
  invisible_barrier_wait(&bar);
  order = memcmp(a, b, n); /* R2 */
  join(t);
  return 0;
}
