/* SPDX-License-Identifier: MIT */
// expect: race 31 19
/* The unbuffered receive happens before the send completes, but a write
   AFTER the receive is ordered with nothing on the sender's side. */
#include <racekit/racekit.h>

#include "corpus.h"

int x;
int sink;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static corpus_barrier bar;

static void worker(void *arg) {
  rk_chan *ch = arg;
  int v = 0;
  rk_chan_send(ch, &v);
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  rk_wg_done(&wg);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_chan *ch = rk_chan_make(sizeof(int), 0);
  if (!ch) return 3;
  rk_wg_add(&wg, 1);
  rk_go(worker, ch);
  int v;
  rk_chan_recv(ch, &v, NULL);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  rk_wg_wait(&wg);
  rk_chan_release(ch);
  return 0;
}
