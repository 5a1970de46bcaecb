/* SPDX-License-Identifier: MIT */
/* NOT a deadlock: main blocks on a channel that a plain pthread (not a
   goroutine, unknown to racekit until its first call) sends on after some
   work outside racekit. Every goroutine is parked, but the program is not
   stuck: it must print "received 42" and exit 0. */
#include <racekit/racekit.h>

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static rk_chan *c;

static void *worker(void *arg) {
  (void)arg;
  /* Work outside racekit, long enough for main to block first. */
  nanosleep(&(struct timespec){0, 200 * 1000 * 1000}, NULL);
  int v = 42;
  rk_chan_send(c, &v);
  return NULL;
}

int main(void) {
  c = rk_chan_make(sizeof(int), 0);
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return 1;
  int v = 0;
  rk_chan_recv(c, &v, NULL);
  pthread_join(t, NULL);
  printf("received %d\n", v);
  rk_chan_release(c);
  return v == 42 ? 0 : 1;
}
