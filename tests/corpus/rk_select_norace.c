/* SPDX-License-Identifier: MIT */
// expect: norace
/* A select case carries the edges of the operation it performs: the
   receive selected from results happens after the send that wrote it,
   and a select that returns because done was closed happens after the
   close. */
#include <racekit/racekit.h>

int payload;
int finished;

static void producer(void *arg) {
  rk_chan **chans = arg;
  payload = 42;
  int v = 1;
  rk_chan_send(chans[0], &v);
  finished = 1;
  rk_chan_close(chans[1]);
}

int main(void) {
  rk_chan *chans[2] = {rk_chan_make(sizeof(int), 0), rk_chan_make(0, 0)};
  if (!chans[0] || !chans[1]) return 3;
  rk_go(producer, chans);
  int got = 0, v = 0, seen_done = 0;
  bool ok = false;
  while (!seen_done) {
    rk_select_case cases[] = {RK_RECV(got ? NULL : chans[0], &v, &ok), RK_RECV(chans[1], NULL, NULL)};
    int i = rk_select(cases, 2, RK_SELECT_BLOCK);
    if (i == 0) got = payload;
    if (i == 1) seen_done = finished;
  }
  rk_chan_release(chans[0]);
  rk_chan_release(chans[1]);
  return got == 42 && seen_done == 1 ? 0 : 1;
}
