/* SPDX-License-Identifier: MIT */
// expect: race 17 29
/* Writing after a send: the send orders only what came before it, and a
   receive on a buffered channel orders nothing back to the sender. */
#include <racekit/racekit.h>

#include "corpus.h"

int x;
int sink;
static corpus_barrier bar;

static void producer(void *arg) {
  rk_chan *ch = arg;
  int v = 1;
  rk_chan_send(ch, &v);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_chan *ch = rk_chan_make(sizeof(int), 1);
  if (!ch) return 3;
  rk_go(producer, ch);
  int v;
  rk_chan_recv(ch, &v, NULL);
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  rk_chan_release(ch);
  return 0;
}
