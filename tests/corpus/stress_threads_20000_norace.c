/* SPDX-License-Identifier: MIT */
// expect: norace
/* 20,000 short-lived threads, in waves of 8: each increments a counter
   that the previous wave's thread in its lane incremented, ordered only by
   the joins in between. A checker must recycle the clock slots of finished
   threads without losing those edges. */
#include "corpus.h"

enum { TOTAL = 20000, WAVE = 8 };
long lane[WAVE];

static void *bump(void *arg) {
  long i = (long)arg;
  lane[i]++;
  return NULL;
}

int main(void) {
  pthread_attr_t attr; /* small stacks: glibc then recycles them */
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_t t[WAVE];
  for (int done = 0; done < TOTAL; done += WAVE) {
    for (long i = 0; i < WAVE; i++)
      if (pthread_create(&t[i], &attr, bump, (void *)i) != 0) return 3;
    for (int i = 0; i < WAVE; i++) join(t[i]);
  }
  pthread_attr_destroy(&attr);
  for (int i = 0; i < WAVE; i++)
    if (lane[i] != TOTAL / WAVE) return 1;
  return 0;
}
