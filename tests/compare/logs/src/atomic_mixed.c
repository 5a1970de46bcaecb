/* SPDX-License-Identifier: MIT */
/* Captured-log source: an atomic store racing with a plain read, and a
 * memcpy (an intercepted libc call) racing with a plain write. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static _Atomic int flag;
static char buf[16];
static char out[16];

static void *setter(void *arg)
{
  (void)arg;
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  buf[3] = 'x';
  return NULL;
}

int main(void)
{
  pthread_t t;
  pthread_create(&t, NULL, setter, NULL);
  int f = *(int *)&flag;
  memcpy(out, buf, sizeof buf);
  pthread_join(t, NULL);
  printf("flag=%d out=%d\n", f, out[3]);
  return 0;
}
