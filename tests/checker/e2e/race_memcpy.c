/* SPDX-License-Identifier: MIT */
/* expect: race 1 — memcpy into a buffer (an intercepted range write)
   races with a plain read of one of its bytes in another thread. */
#include <pthread.h>
#include <string.h>

static char buf[64];
static const char msg[] = "hello, racing world";

static void *copier(void *arg) {
  (void)arg;
  memcpy(buf, msg, sizeof msg); /* RACE */
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, copier, 0);
  char c = buf[7]; /* RACE */
  pthread_join(t, 0);
  return c == 'x';
}
