/* SPDX-License-Identifier: MIT */
// expect: norace
/* The k-th receive on a channel of capacity C happens before the (k+C)-th
   send completes. With C = 1, the goroutine's 2nd send completes only
   after main's 1st receive, so main's write before that receive is
   ordered before the goroutine's read after the 2nd send (a buffered
   channel used as a semaphore). */
#include <racekit/racekit.h>

int x;
int y;
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void worker(void *arg) {
  rk_chan *ch = arg;
  int v = 0;
  rk_chan_send(ch, &v); /* 1st send: into the buffer */
  rk_chan_send(ch, &v); /* 2nd send: completes after main's 1st receive */
  y = x + 1;
  rk_wg_done(&wg);
}

int main(void) {
  rk_chan *ch = rk_chan_make(sizeof(int), 1);
  if (!ch) return 3;
  rk_wg_add(&wg, 1);
  rk_go(worker, ch);
  x = 41;
  int v;
  rk_chan_recv(ch, &v, NULL); /* 1st receive */
  rk_chan_recv(ch, &v, NULL);
  rk_wg_wait(&wg);
  int got = y;
  rk_chan_release(ch);
  return got == 42 ? 0 : 1;
}
