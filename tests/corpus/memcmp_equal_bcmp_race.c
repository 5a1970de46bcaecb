/* SPDX-License-Identifier: MIT */
// expect: race 18 27
/* memcmp(...) == 0 reads both of its ranges (clang turns it into bcmp):
   a concurrent write into the second one races. (The length is a variable,
   so neither compiler expands the call inline.) TSan agrees. */
#include <string.h>

#include "corpus.h"

char a[48] = "a stitch in time saves nine";
char b[48] = "a stitch in time saves nine";
size_t n = sizeof a;
int same;
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
  same = memcmp(a, b, n) == 0; /* R2 */
  join(t);
  return 0;
}
