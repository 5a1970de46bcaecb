/* SPDX-License-Identifier: MIT */
// expect: norace
/* pthread_create happens before the thread starts; the thread's end
   happens before pthread_join returns. Global and heap data both. */
#include "corpus.h"

int x;
int *heap;

static void *worker(void *arg) {
  (void)arg;
  x = x + 1;
  heap[3] = heap[2] + x;
  return NULL;
}

int main(void) {
  heap = calloc(8, sizeof *heap);
  if (!heap) return 1;
  x = 41;
  heap[2] = 1;
  pthread_t t = spawn(worker, NULL);
  join(t);
  int ok = x == 42 && heap[3] == 43;
  x = 0;
  free(heap);
  return ok ? 0 : 1;
}
