/* SPDX-License-Identifier: MIT */
// expect: norace
/* Blocks from calloc, realloc, posix_memalign and aligned_alloc handed to
   a thread at creation and back at join, then freed: every access is
   ordered, and the allocator's own bookkeeping is not the program's. */
#include <string.h>

#include "corpus.h"

struct blocks {
  long *c;
  long *r;
  long *pm;
  long *aa;
};

static void *worker(void *arg) {
  struct blocks *b = arg;
  for (int i = 0; i < 16; i++) {
    b->c[i] += i;
    b->r[i] = i;
    b->pm[i] = 2 * i;
    b->aa[i] = 3 * i;
  }
  return NULL;
}

int main(void) {
  struct blocks b;
  void *pm = NULL;
  b.c = calloc(16, sizeof(long));
  b.r = realloc(NULL, 4 * sizeof(long));
  if (b.r) b.r = realloc(b.r, 16 * sizeof(long));
  if (posix_memalign(&pm, 64, 16 * sizeof(long)) != 0) return 3;
  b.pm = pm;
  b.aa = aligned_alloc(64, 16 * sizeof(long));
  if (!b.c || !b.r || !b.aa) return 3;
  memset(b.aa, 0, 16 * sizeof(long));
  pthread_t t = spawn(worker, &b);
  join(t);
  long sum = 0;
  for (int i = 0; i < 16; i++) sum += b.c[i] + b.r[i] + b.pm[i] + b.aa[i];
  free(b.c);
  free(b.r);
  free(b.pm);
  free(b.aa);
  return sum == 7 * 120 ? 0 : 1;
}
