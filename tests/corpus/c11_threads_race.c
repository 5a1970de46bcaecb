/* SPDX-License-Identifier: MIT */
// expect: race 17 27
/* C11 <threads.h>: a thread made by thrd_create and main write one global
   with nothing ordering them.
   glibc runs them over its pthread functions inside libc, out of an
   interceptor's sight: racekit intercepts the C11 functions themselves.
   (clang 14's and gcc 12's ThreadSanitizer crash on this program.) */
#include <threads.h>

#include "corpus.h"

int x;
static corpus_barrier bar;

static int writer(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return 0;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  thrd_t t;
  if (thrd_create(&t, writer, NULL) != thrd_success) return 3;
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  thrd_join(t, NULL);
  return 0;
}
