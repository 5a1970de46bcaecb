/* SPDX-License-Identifier: MIT */
// expect: race 19 38
// tsan: miss
/* One early read that nothing orders, then READERS reads from other
   threads that main joins, then main's write: the write is ordered after
   every read but the first, and races with it. ThreadSanitizer keeps 4
   accesses per 8 bytes: in clang 14's runtime the later reads push the
   first one out and the race goes unreported (gcc 12's reports it). An
   exact detector keeps every concurrent read. */
#include "corpus.h"

enum { READERS = 16 };
int x;
int seen[READERS + 1];
static corpus_barrier bar;

static void *early_reader(void *arg) {
  (void)arg;
  seen[READERS] = x; /* R1 */
  invisible_barrier_wait(&bar);
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *reader(void *arg) {
  long i = (long)arg;
  seen[i] = x;
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t e = spawn(early_reader, NULL);
  invisible_barrier_wait(&bar); /* the early read is done */
  pthread_t t[READERS];
  for (long i = 0; i < READERS; i++) t[i] = spawn(reader, (void *)i);
  for (int i = 0; i < READERS; i++) join(t[i]);
  x = 1; /* R2 */
  invisible_barrier_wait(&bar);
  join(e);
  return 0;
}
