/* SPDX-License-Identifier: MIT */
// expect: norace
/* rk_chan_try_send and rk_chan_try_recv, when they succeed, carry the same
   edges as the blocking forms. */
#include <racekit/racekit.h>
#include <sched.h>

int data[64];

static void producer(void *arg) {
  rk_chan *ch = arg;
  for (int i = 0; i < 64; i++) {
    data[i] = i + 1;
    while (rk_chan_try_send(ch, &i) == RK_EAGAIN) sched_yield();
  }
}

int main(void) {
  rk_chan *ch = rk_chan_make(sizeof(int), 4);
  if (!ch) return 3;
  rk_go(producer, ch);
  long sum = 0;
  for (int n = 0; n < 64;) {
    int i;
    bool ok;
    if (rk_chan_try_recv(ch, &i, &ok) == RK_EAGAIN) {
      sched_yield();
      continue;
    }
    sum += data[i];
    n++;
  }
  rk_chan_release(ch);
  return sum == 64 * 65 / 2 ? 0 : 1;
}
