/* SPDX-License-Identifier: MIT */
// expect: norace
/* Closing a channel happens before a receive that returns because the
   channel is closed. */
#include <racekit/racekit.h>

int x;

static void closer(void *arg) {
  rk_chan *ch = arg;
  x = 42;
  rk_chan_close(ch);
}

int main(void) {
  rk_chan *ch = rk_chan_make(0, 0);
  if (!ch) return 3;
  rk_go(closer, ch);
  bool ok = true;
  rk_chan_recv(ch, NULL, &ok);
  int got = x;
  rk_chan_release(ch);
  return !ok && got == 42 ? 0 : 1;
}
