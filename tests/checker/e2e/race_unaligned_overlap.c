/* SPDX-License-Identifier: MIT */
/* expect: race 1 — an unaligned 4-byte write and a 2-byte write that
   overlap in one byte, in different words' worth of alignment. */
#include <pthread.h>

#include "e2e.h"

static struct __attribute__((packed)) {
  char pad;
  int wide;   /* bytes 1..4 */
  short tail; /* bytes 5..6: no overlap with wide */
} s;
char buf[16];

NOINLINE static void put4(char *p, int v) { __builtin_memcpy(p, &v, 4); }

static void *a(void *arg) {
  (void)arg;
  s.wide = 7;
  put4(buf + 6, 1); /* RACE */
  return 0;
}

static void *b(void *arg) {
  (void)arg;
  s.tail = 3;                       /* neighbour of wide: no race */
  *(volatile short *)(buf + 9) = 2; /* RACE */
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, a, 0);
  pthread_create(&y, 0, b, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
