/* SPDX-License-Identifier: MIT */
// expect: norace
/* A send happens before the matching receive completes: the goroutine
   fills data[i] and sends i; main reads data[i] after receiving it. */
#include <racekit/racekit.h>

enum { ITEMS = 100 };
int data[ITEMS];

static void producer(void *arg) {
  rk_chan *ch = arg;
  for (int i = 0; i < ITEMS; i++) {
    data[i] = i * 2;
    rk_chan_send(ch, &i);
  }
  rk_chan_close(ch);
}

int main(void) {
  rk_chan *ch = rk_chan_make(sizeof(int), 4);
  if (!ch) return 3;
  rk_go(producer, ch);
  long sum = 0;
  int i;
  RK_CHAN_FOR(ch, i) sum += data[i];
  rk_chan_release(ch);
  return sum == (long)ITEMS * (ITEMS - 1) ? 0 : 1;
}
