/* SPDX-License-Identifier: MIT */
// expect: race 15 24
/* memcpy writes its whole destination range: a write into the middle of
   it by another thread races. */
#include <string.h>

#include "corpus.h"

char src[64] = "the quick brown fox jumps over the lazy dog";
char dst[64];
static corpus_barrier bar;

static void *copier(void *arg) {
  (void)arg;
  memcpy(dst, src, sizeof dst); /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(copier, NULL);
  invisible_barrier_wait(&bar);
  dst[40] = '!'; /* R2 */
  join(t);
  return 0;
}
