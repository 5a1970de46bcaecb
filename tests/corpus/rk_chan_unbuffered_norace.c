/* SPDX-License-Identifier: MIT */
// expect: norace
/* On an unbuffered channel the receive happens before the send completes:
   main's write before its receive is ordered before the goroutine's read
   after its send. (The usual direction, send before receive, is used for
   the reply.) */
#include <racekit/racekit.h>

int x;
int y;

static void worker(void *arg) {
  rk_chan *ch = arg;
  int v = 0;
  rk_chan_send(ch, &v); /* completes after main's receive */
  y = x + 1;
  rk_chan_send(ch, &v); /* y written before this send: ordered before main's receive */
}

int main(void) {
  rk_chan *ch = rk_chan_make(sizeof(int), 0);
  if (!ch) return 3;
  rk_go(worker, ch);
  x = 41;
  int v;
  rk_chan_recv(ch, &v, NULL);
  rk_chan_recv(ch, &v, NULL);
  int got = y;
  rk_chan_release(ch);
  return got == 42 ? 0 : 1;
}
