/* SPDX-License-Identifier: MIT */
// expect: race 17 26
/* memset writes its whole range: a read of one byte inside it races.
   (The length is a variable: gcc 12 expands a constant-size memset inline
   without any instrumentation, so no checker could see that one.) */
#include <string.h>

#include "corpus.h"

char buf[100];
size_t len = sizeof buf;
int sink;
static corpus_barrier bar;

static void *clearer(void *arg) {
  (void)arg;
  memset(buf, 0, len); /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(clearer, NULL);
  invisible_barrier_wait(&bar);
  sink = buf[77]; /* R2 */
  join(t);
  return 0;
}
