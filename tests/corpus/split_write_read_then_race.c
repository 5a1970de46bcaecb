/* SPDX-License-Identifier: MIT */
// expect: race 23 44
/* One thread sets two fields of one 8-byte word at two lines, then
   hands the struct over with a mutex; the reader is ordered after both
   writes. A third thread, ordered after neither, then writes the second
   field: it races with the write of that field, and the report names
   that write's line, not the first field's (the checker keeps both
   writes beside the ordered read). */
#include "corpus.h"

struct pair {
  _Alignas(8) int x; /* x and y: one 8-byte word */
  int y;
} p; /* not static: the compiler may not split it into two variables */
static int seen;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  p.x = 1;
  p.y = 2; /* R1 */
  pthread_mutex_unlock(&m);
  invisible_barrier_wait(&bar); /* the writes are done */
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  pthread_mutex_lock(&m);
  seen = p.y;
  pthread_mutex_unlock(&m);
  invisible_barrier_wait(&bar); /* the read is done */
  return NULL;
}

static void *racer(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  invisible_barrier_wait(&bar);
  p.y = 3; /* R2 */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 3);
  pthread_t w = spawn(writer, NULL);
  pthread_t r = spawn(reader, NULL);
  pthread_t c = spawn(racer, NULL);
  join(w);
  join(r);
  join(c);
  return seen == 2 ? 0 : 1;
}
