/* SPDX-License-Identifier: MIT */
// expect: race 19 23
/* A pthread barrier orders what comes before it with what comes after it,
   not the accesses after it with each other: both threads read both
   first-phase slots (ordered), then both write the same result. */
#include "corpus.h"

static pthread_barrier_t barrier;
long slot[2];
long result;
static corpus_barrier bar;

static void *worker(void *arg) {
  long i = (long)arg;
  slot[i] = i + 1;
  pthread_barrier_wait(&barrier);
  long sum = slot[0] + slot[1];
  if (i == 0) {
    result = sum; /* R1 */
    invisible_barrier_wait(&bar);
  } else {
    invisible_barrier_wait(&bar);
    result = sum; /* R2 */
  }
  return NULL;
}

int main(void) {
  pthread_barrier_init(&barrier, NULL, 2);
  invisible_barrier_init(&bar, 2);
  pthread_t a = spawn(worker, (void *)0), b = spawn(worker, (void *)1);
  join(a);
  join(b);
  pthread_barrier_destroy(&barrier);
  return result == 3 ? 0 : 1;
}
