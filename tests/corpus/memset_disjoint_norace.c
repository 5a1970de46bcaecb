/* SPDX-License-Identifier: MIT */
// expect: norace
/* Two threads memset and memcpy disjoint halves of one buffer, meeting in
   the middle of a word; main reads it all after joining. */
#include <string.h>

#include "corpus.h"

char buf[128];
static corpus_barrier bar;

static void *low(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  memset(buf, 1, 61);
  return NULL;
}

static void *high(void *arg) {
  (void)arg;
  static const char ones[67] = {[0 ... 66] = 2};
  invisible_barrier_wait(&bar);
  memcpy(buf + 61, ones, sizeof ones);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t a = spawn(low, NULL), b = spawn(high, NULL);
  join(a);
  join(b);
  int sum = 0;
  for (size_t i = 0; i < sizeof buf; i++) sum += buf[i];
  return sum == 61 + 2 * 67 ? 0 : 1;
}
