/* SPDX-License-Identifier: MIT */
// expect: norace
/* Thread-specific-data destructors run before the thread is gone: what
   they write happens before the pthread_join that waits for it. */
#include "corpus.h"

enum { THREADS = 4 };
static pthread_key_t key;
long total[THREADS];

static void destroy(void *value) {
  long i = (long)value - 1;
  total[i] += 100;
}

static void *worker(void *arg) {
  long i = (long)arg;
  total[i] = i;
  pthread_setspecific(key, (void *)(i + 1));
  return NULL;
}

int main(void) {
  if (pthread_key_create(&key, destroy) != 0) return 3;
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) t[i] = spawn(worker, (void *)i);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  for (long i = 0; i < THREADS; i++) total[i] -= 100 + i;
  pthread_key_delete(key);
  for (int i = 0; i < THREADS; i++)
    if (total[i] != 0) return 1;
  return 0;
}
