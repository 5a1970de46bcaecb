/* SPDX-License-Identifier: MIT */
// expect: race 31 21
/* The same program with capacity 2: the 1st receive now orders only the
   3rd send, which never happens, so the 2nd send completes without any
   edge from main and the read races with main's write. */
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
  rk_chan_send(ch, &v); /* room in the buffer: completes at once */
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  rk_wg_done(&wg);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_chan *ch = rk_chan_make(sizeof(int), 2);
  if (!ch) return 3;
  rk_wg_add(&wg, 1);
  rk_go(worker, ch);
  x = 41; /* R1 */
  int v;
  rk_chan_recv(ch, &v, NULL); /* 1st receive */
  invisible_barrier_wait(&bar);
  rk_chan_recv(ch, &v, NULL);
  rk_wg_wait(&wg);
  rk_chan_release(ch);
  return 0;
}
