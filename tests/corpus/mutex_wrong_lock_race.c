/* SPDX-License-Identifier: MIT */
// expect: race 14 25
/* Both writers lock, but not the same mutex. */
#include "corpus.h"

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
int x;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m1);
  x = 1; /* R1 */
  pthread_mutex_unlock(&m1);
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  pthread_mutex_lock(&m2);
  x = 2; /* R2 */
  pthread_mutex_unlock(&m2);
  join(t);
  return 0;
}
