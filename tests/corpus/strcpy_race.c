/* SPDX-License-Identifier: MIT */
// expect: race 16 25
/* strcpy writes its destination up to the terminator: a concurrent read of
   one of those bytes races. */
#include <string.h>

#include "corpus.h"

char dst[32];
const char *volatile message = "hello, corpus";
char sink;
static corpus_barrier bar;

static void *copier(void *arg) {
  (void)arg;
  strcpy(dst, message); /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(copier, NULL);
  invisible_barrier_wait(&bar);
  sink = dst[4]; /* R2 */
  join(t);
  return 0;
}
