/* SPDX-License-Identifier: MIT */
// expect: race 24 35
// tsan: miss
/* A write, then reads by READERS threads that are all ordered after it,
   then one read that is not. ThreadSanitizer keeps only 4 accesses per
   8 bytes of memory: the ordered reads evict the write, and the racy read
   goes unreported. An exact detector keeps the write. */
#include "corpus.h"

enum { READERS = 8 };
int x;
int seen[READERS];
int sink;
static corpus_barrier bar;

static void *ordered_reader(void *arg) {
  long i = (long)arg;
  seen[i] = x;
  return NULL;
}

static void *writer(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  /* Each reader is created after the write (ordered) and joined before the
     next one starts. */
  for (long i = 0; i < READERS; i++) join(spawn(ordered_reader, (void *)i));
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *unordered_reader(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t u = spawn(unordered_reader, NULL);
  pthread_t w = spawn(writer, NULL);
  join(w);
  join(u);
  return 0;
}
