/* SPDX-License-Identifier: MIT */
/* done-channel (racy): a worker computes an answer and then signals on an
 * unbuffered channel that it is done. main sleeps "long enough" instead of
 * receiving, then reads the answer: a sleep orders nothing. */
#include <racekit/racekit.h>
#include <stdio.h>

static int answer; /* written by the worker, read by main */

static void worker(void *arg) {
  rk_chan *done = arg;
  rk_sleep(20 * RK_MILLISECOND); /* the work takes a while */
  answer = 42;
  rk_chan_send(done, NULL); /* "I am done" */
}

int main(void) {
  rk_chan *done = rk_chan_make(0, 0); /* unbuffered, signal only */
  rk_go(worker, done);
  rk_sleep(10 * RK_MILLISECOND); /* surely the worker is done by now? */
  printf("answer = %d (expected 42)\n", answer);
  rk_chan_recv(done, NULL, NULL); /* only so that the worker can finish */
  rk_chan_release(done);
  return 0;
}
