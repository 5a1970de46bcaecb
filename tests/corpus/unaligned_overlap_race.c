/* SPDX-License-Identifier: MIT */
// expect: race 17 26
/* Two unaligned accesses of different sizes that share one byte (buf[5])
   race; neither starts at the other's address nor on a word boundary. */
#include <stdint.h>

#include "corpus.h"

struct __attribute__((packed, may_alias)) u32 { uint32_t v; };
struct __attribute__((packed, may_alias)) u16 { uint16_t v; };

_Alignas(8) unsigned char buf[16];
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  ((struct u32 *)(buf + 2))->v = 0x01020304; /* R1: bytes 2..5 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  ((struct u16 *)(buf + 5))->v = 0x0506; /* R2: bytes 5..6 */
  join(t);
  return 0;
}
