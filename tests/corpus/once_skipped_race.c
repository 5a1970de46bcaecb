/* SPDX-License-Identifier: MIT */
// expect: race 14 28
/* pthread_once orders its initializer only before the threads that call
   pthread_once; a thread that reads the initialized data without calling
   it races with the initializer. */
#include "corpus.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
int config;
int seen[2];
static corpus_barrier bar;

static void init(void) {
  config = 30; /* R1 */
}

static void *caller(void *arg) {
  (void)arg;
  pthread_once(&once, init);
  seen[0] = config;
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *skipper(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  seen[1] = config; /* R2 */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t a = spawn(caller, NULL), b = spawn(skipper, NULL);
  join(a);
  join(b);
  return 0;
}
