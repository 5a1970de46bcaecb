/* SPDX-License-Identifier: MIT */
// expect: norace
/* main ends with pthread_exit; its two threads, both created after main's
   last write, share a counter under a mutex, and the last one to finish
   checks it and ends the process with exit(): status 0 and no report.
   (exit() rather than returning: with ThreadSanitizer's own runtime, whose
   background thread outlives them, the process would never end.) */
#include "corpus.h"

enum { ITERS = 500 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
long counter; /* guarded by mu */
int finished; /* guarded by mu */
int start = 1; /* written by main before creating the threads */

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ITERS; i++) {
    pthread_mutex_lock(&mu);
    counter += start;
    pthread_mutex_unlock(&mu);
  }
  pthread_mutex_lock(&mu);
  int last = ++finished == 2;
  long c = counter;
  pthread_mutex_unlock(&mu);
  if (last) exit(c == 2 * ITERS ? 0 : 1);
  return NULL;
}

int main(void) {
  start = 1;
  pthread_t a = spawn(worker, NULL), b = spawn(worker, NULL);
  pthread_detach(a);
  pthread_detach(b);
  pthread_exit(NULL);
}
