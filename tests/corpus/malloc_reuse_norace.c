/* SPDX-License-Identifier: MIT */
// expect: norace
/* Freed memory is new memory. Thread a writes a block and frees it; thread
   b, not ordered with a at all, then allocates blocks of the same sizes
   and writes them. The allocator hands b a's old blocks (large blocks come
   back from the same mmap area; mallopt keeps glibc from switching them to
   the heap), yet a reused block never races with its previous life. */
#include <malloc.h>
#include <string.h>

#include "corpus.h"

enum { LARGE = 1 << 20, SMALL = 48, ROUNDS = 4 };
static corpus_barrier bar;

static void touch(char *p, size_t n, char v) {
  for (size_t i = 0; i < n; i += 512) p[i] = v;
}

static void *first_life(void *arg) {
  (void)arg;
  for (int r = 0; r < ROUNDS; r++) {
    char *big = malloc(LARGE), *small = malloc(SMALL);
    if (!big || !small) exit(1);
    touch(big, LARGE, 1);
    touch(small, SMALL, 1);
    free(small);
    free(big);
    invisible_barrier_wait(&bar); /* no happens-before: b's turn */
    invisible_barrier_wait(&bar);
  }
  return NULL;
}

static void *second_life(void *arg) {
  (void)arg;
  for (int r = 0; r < ROUNDS; r++) {
    invisible_barrier_wait(&bar);
    char *big = malloc(LARGE), *small = malloc(SMALL);
    if (!big || !small) exit(1);
    touch(big, LARGE, 2);
    touch(small, SMALL, 2);
    free(small);
    free(big);
    invisible_barrier_wait(&bar);
  }
  return NULL;
}

int main(void) {
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  invisible_barrier_init(&bar, 2);
  pthread_t a = spawn(first_life, NULL);
  pthread_t b = spawn(second_life, NULL);
  join(a);
  join(b);
  return 0;
}
