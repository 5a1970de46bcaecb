/* SPDX-License-Identifier: MIT */
/* A channel may go away once the last goroutine holding it releases it,
   even while the partner of an operation that just completed is still
   returning from rk_select: a select woken by its partner locks its
   channels again to leave their other queues. Each round a goroutine
   selects to send on a new channel, main receives and releases the only
   reference at once; built against the ASan copy of the library
   (build-asan), a late access fails the program. (Before a parked select
   kept its channels alive, this failed within some thousands of rounds.)
   Usage: select_release_after_recv [ROUNDS] */
#include <racekit/racekit.h>

#include <stdio.h>
#include <stdlib.h>

static void select_sender(void *arg) {
  rk_chan *c = arg;
  int v = 17;
  rk_chan *never = NULL;
  rk_select_case cases[] = {RK_RECV(never, NULL, NULL), RK_SEND(c, &v)};
  rk_select(cases, 2, RK_SELECT_BLOCK);
}

int main(int argc, char **argv) {
  long rounds = argc > 1 ? atol(argv[1]) : 100000;
  for (long i = 0; i < rounds; i++) {
    rk_chan *c = rk_chan_make(sizeof(int), 0);
    if (!c)
      return 1;
    rk_go(select_sender, c);
    int v = 0;
    rk_select_case cases[] = {RK_RECV(c, &v, NULL)};
    if (rk_select(cases, 1, RK_SELECT_BLOCK) != 0 || v != 17) {
      fprintf(stderr, "select_release_after_recv: round %ld: got %d\n", i, v);
      return 1;
    }
    rk_chan_release(c);
  }
  printf("select_release_after_recv: %ld rounds\n", rounds);
  return 0;
}
