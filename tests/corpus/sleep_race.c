/* SPDX-License-Identifier: MIT */
// expect: race 14 21
/* Sleeping is not synchronization: the thread has long written x when main
   reads it, but nothing orders the two accesses. */
#include <unistd.h>

#include "corpus.h"

int x;
int sink;

static void *worker(void *arg) {
  (void)arg;
  x = 42; /* R1 */
  return NULL;
}

int main(void) {
  pthread_t t = spawn(worker, NULL);
  usleep(50 * 1000);
  sink = x; /* R2 */
  join(t);
  return 0;
}
