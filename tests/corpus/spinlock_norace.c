/* SPDX-License-Identifier: MIT */
// expect: norace
/* A counter guarded by a pthread spinlock. */
#include "corpus.h"

enum { THREADS = 3, ITERS = 1000 };
static pthread_spinlock_t spin;
long counter; /* guarded by spin */

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    pthread_spin_lock(&spin);
    counter++;
    pthread_spin_unlock(&spin);
  }
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++) t[i] = spawn(worker, NULL);
  for (int i = 0; i < THREADS; i++) join(t[i]);
  pthread_spin_destroy(&spin);
  return counter == THREADS * ITERS ? 0 : 1;
}
