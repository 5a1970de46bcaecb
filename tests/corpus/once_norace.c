/* SPDX-License-Identifier: MIT */
// expect: norace
/* pthread_once: the initializer's return happens before every
   pthread_once call on the same control returns. */
#include "corpus.h"

enum { THREADS = 4 };
static pthread_once_t once = PTHREAD_ONCE_INIT;
int config[4]; /* written once by init, then read-only */
int seen[THREADS];

static void init(void) {
  for (int i = 0; i < 4; i++) config[i] = i * 10;
}

static void *worker(void *arg) {
  long i = (long)arg;
  pthread_once(&once, init);
  seen[i] = config[3];
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  for (int i = 0; i < THREADS; i++)
    if (seen[i] != 30) return 1;
  return 0;
}
