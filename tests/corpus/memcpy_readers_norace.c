/* SPDX-License-Identifier: MIT */
// expect: norace
/* Four threads copy, compare and scan one shared source at the same time,
   each into its own destination: range reads never race with each other,
   and the source was written before the threads were created. */
#include <string.h>

#include "corpus.h"

enum { THREADS = 4, N = 200 };
char src[N];
char dst[THREADS][N];
int diff[THREADS];
static corpus_barrier bar;

static void *copier(void *arg) {
  long i = (long)arg;
  invisible_barrier_wait(&bar); /* all at once */
  for (int k = 0; k < 20; k++) {
    memcpy(dst[i], src, N);
    diff[i] += memcmp(dst[i], src, N) != 0;
    diff[i] += memchr(src, 'z', N) == NULL;
    diff[i] += strlen(src) != N - 1;
  }
  return NULL;
}

int main(void) {
  memset(src, 'a', N - 1);
  src[N / 2] = 'z';
  src[N - 1] = '\0';
  invisible_barrier_init(&bar, THREADS);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(copier, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  for (int i = 0; i < THREADS; i++)
    if (diff[i] != 0 || dst[i][N / 2] != 'z') return 1;
  return 0;
}
