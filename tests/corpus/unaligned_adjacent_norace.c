/* SPDX-License-Identifier: MIT */
// expect: norace
/* Two threads store unaligned 8-byte values at offsets 3 and 11 (bytes
   3..10 and 11..18) again and again, and a third writes bytes 0..2 and
   19..23: each pair of ranges touches the same aligned words but no
   common byte, so nothing races. */
#include <stdint.h>

#include "corpus.h"

struct __attribute__((packed, may_alias)) u64 { uint64_t v; };

enum { ITERS = 200 };
_Alignas(8) unsigned char buf[24];
volatile size_t offs[2] = {3, 11};
static corpus_barrier bar;

static void *worker(void *arg) {
  long i = (long)arg;
  struct u64 *p = (struct u64 *)(buf + offs[i]);
  invisible_barrier_wait(&bar);
  for (int k = 0; k < ITERS; k++) p->v = p->v + 0x0101010101010101u;
  return NULL;
}

static void *edges(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  for (int k = 0; k < ITERS; k++) {
    for (int j = 0; j < 3; j++) buf[j]++;
    for (int j = 19; j < 24; j++) buf[j]++;
  }
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 3);
  pthread_t a = spawn(worker, (void *)0), b = spawn(worker, (void *)1), c = spawn(edges, NULL);
  join(a);
  join(b);
  join(c);
  for (int j = 0; j < 24; j++)
    if (buf[j] != (unsigned char)ITERS) return 1;
  return 0;
}
