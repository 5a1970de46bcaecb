/* SPDX-License-Identifier: MIT */
// expect: race 16 25
/* memcpy reads its whole source range: a write to one byte of the source
   by another thread races with the copy. */
#include <string.h>

#include "corpus.h"

char src[64] = "jackdaws love my big sphinx of quartz";
char dst[64];
size_t n = sizeof src;
static corpus_barrier bar;

static void *editor(void *arg) {
  (void)arg;
  src[50] = 'Q'; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(editor, NULL);
  invisible_barrier_wait(&bar);
  memcpy(dst, src, n); /* R2 */
  join(t);
  return 0;
}
