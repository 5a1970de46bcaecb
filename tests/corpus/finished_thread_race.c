/* SPDX-License-Identifier: MIT */
// expect: race 20 37
// tsan: miss
/* A detached thread writes x and ends. main then creates and joins many
   short-lived threads (so a checker recycles the finished thread's
   resources) before writing x itself: nothing ever ordered the finished
   thread's write with main's, so they race however long ago it ended.
   ThreadSanitizer forgets the finished thread's write once enough threads
   have come and gone (here: clang 14's runtime after about 10, gcc 12's
   after about 50) and misses the race. */
#include "corpus.h"

enum { CHURN = 200 };
int x;
int lane;
static corpus_barrier bar;

static void *early(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *brief(void *arg) {
  (void)arg;
  lane++;
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t e = spawn(early, NULL);
  pthread_detach(e);
  invisible_barrier_wait(&bar);
  for (int i = 0; i < CHURN; i++) join(spawn(brief, NULL));
  x = 2; /* R2 */
  return lane == CHURN ? 0 : 1;
}
