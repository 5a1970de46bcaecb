/* SPDX-License-Identifier: MIT */
/* Deadlock: main sends on an unbuffered channel nobody receives from.
   Expected: exit 2, "goroutine 1 [chan send]:". The marker comments name
   the lines the report must point at (test_deadlock.c reads them). */
#include <racekit/racekit.h>

int main(void) {
  rk_chan *c = rk_chan_make(sizeof(int), 0);
  int v = 1;
  rk_chan_send(c, &v); /* BLOCK main */
  return 0;
}
