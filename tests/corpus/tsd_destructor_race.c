/* SPDX-License-Identifier: MIT */
// expect: race 13 28
/* A thread-specific-data destructor runs on the exiting thread after its
   start routine has returned; its write races with main's unordered
   write all the same. TSan agrees. */
#include "corpus.h"

int x;
static pthread_key_t key;
static corpus_barrier bar;

static void destroy(void *value) {
  x = (int)(long)value; /* R1 */
  invisible_barrier_wait(&bar);
}

static void *worker(void *arg) {
  (void)arg;
  pthread_setspecific(key, (void *)1);
  return NULL;
}

int main(void) {
  if (pthread_key_create(&key, destroy) != 0) return 3;
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(worker, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  join(t);
  return 0;
}
