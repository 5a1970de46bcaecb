/* SPDX-License-Identifier: MIT */
/* Deadlock: main receives from a NULL channel (blocks forever), and a
   goroutine sends on a NULL channel. Expected: exit 2,
   "goroutine 1 [chan receive (nil chan)]:" and
   "goroutine 2 [chan send (nil chan)]:". */
#include <racekit/racekit.h>

static void send_nil(void *arg) {
  (void)arg;
  int v = 1;
  rk_chan_send(NULL, &v); /* BLOCK send_nil */
}

int main(void) {
  rk_go(send_nil, NULL); /* GO send_nil */
  int v;
  rk_chan_recv(NULL, &v, NULL); /* BLOCK main */
  return 0;
}
