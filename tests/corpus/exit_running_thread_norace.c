/* SPDX-License-Identifier: MIT */
// expect: norace
/* main returns while a detached thread is still busy with its own memory
   (and with the allocator): the process ends with status 0 and no report,
   however far the thread got. */
#include "corpus.h"

static corpus_barrier bar;

static void *busy(void *arg) {
  (void)arg;
  long local[64] = {0};
  invisible_barrier_wait(&bar);
  for (unsigned long i = 0;; i++) {
    local[i % 64] += (long)i;
    free(malloc(32 + i % 512));
  }
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(busy, NULL);
  pthread_detach(t);
  invisible_barrier_wait(&bar); /* the thread is running */
  return 0;
}
