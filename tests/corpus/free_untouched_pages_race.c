/* SPDX-License-Identifier: MIT */
// expect: race 19 29
/* free() writes the whole block, the pages of it the program never
   touched too: reading any byte of the freed block with nothing ordering
   the read after the free is a race (the checker records the free of
   untouched pages without mapping their shadow; the read still finds it). */
#include "corpus.h"

static corpus_barrier bar;
static char *blk; /* written before the thread starts */

static volatile char sink;

static void *user(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  /* The memory stays mapped (a guard block keeps it off the heap top);
     the freed block's contents are not used. */
  sink = blk[40000]; /* R1 */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  blk = malloc(64 << 10);
  char *guard = malloc(64);
  if (!blk || !guard) return 1;
  pthread_t t = spawn(user, NULL);
  free(blk); /* R2 */
  invisible_barrier_wait(&bar);
  join(t);
  free(guard);
  return 0;
}
