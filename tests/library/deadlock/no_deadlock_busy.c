/* SPDX-License-Identifier: MIT */
/* NOT a deadlock: main waits on a channel while the only goroutine is
   blocked outside racekit (a plain nanosleep standing for I/O), then sends.
   Must print "received 7" and exit 0. */
#include <racekit/racekit.h>

#include <stdio.h>
#include <time.h>

static rk_chan *c;

static void worker(void *arg) {
  (void)arg;
  nanosleep(&(struct timespec){0, 300 * 1000 * 1000}, NULL);
  int v = 7;
  rk_chan_send(c, &v);
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  rk_go(worker, NULL);
  int v = 0;
  rk_chan_recv(c, &v, NULL);
  printf("received %d\n", v);
  rk_chan_release(c);
  return 0;
}
