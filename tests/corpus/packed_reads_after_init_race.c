/* SPDX-License-Identifier: MIT */
// expect: race 29 42
// expect: race 30 43
/* Main fills a record before it creates any thread, so that write is
   ordered before every thread still to come and the checker forgets it.
   The reader then reads the record's fields in three epochs (a mutex
   between them), as a tokenizer reads a text: the checker keeps the
   earlier reads packed beside the last one. Main's later writes are
   ordered after none of them: each races with the read of its field,
   and each is reported at that read's line. */
#include "corpus.h"

static struct {
  unsigned short a, b, c, d;
} rec;
static unsigned seen;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static corpus_barrier bar;

static unsigned take(unsigned v) {
  pthread_mutex_lock(&m);
  seen += v;
  pthread_mutex_unlock(&m); /* a new epoch for the next read */
  return v;
}

static void *reader(void *arg) {
  (void)arg;
  take(rec.a); /* R1 */
  take(rec.b); /* R3 */
  take(rec.c);
  invisible_barrier_wait(&bar); /* the reads are done */
  invisible_barrier_wait(&bar); /* main has written */
  return NULL;
}

int main(void) {
  rec.a = 1, rec.b = 2, rec.c = 3, rec.d = 4;
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(reader, NULL);
  invisible_barrier_wait(&bar);
  rec.a = 5; /* R2 */
  rec.b = 6; /* R4 */
  invisible_barrier_wait(&bar);
  join(t);
  return 0;
}
