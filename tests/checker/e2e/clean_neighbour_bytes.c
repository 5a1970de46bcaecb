/* SPDX-License-Identifier: MIT */
/* expect: clean — eight threads each write their own byte of one 8-byte
   word, and two threads their own half of a short pair: neighbouring
   bytes never race. */
#include <pthread.h>

static char bytes[8];
static struct {
  short a, b;
} halves;

static void *byte_writer(void *arg) {
  long i = (long)arg;
  for (int k = 0; k < 100; k++)
    bytes[i] = (char)(bytes[i] + 1);
  if (i == 0)
    halves.a = 1;
  if (i == 1)
    halves.b = 2;
  return 0;
}

int main(void) {
  pthread_t t[8];
  for (long i = 0; i < 8; i++)
    pthread_create(&t[i], 0, byte_writer, (void *)i);
  for (int i = 0; i < 8; i++)
    pthread_join(t[i], 0);
  return bytes[7] == 100 && halves.a + halves.b == 3 ? 0 : 1;
}
