/* SPDX-License-Identifier: MIT */
/* done-channel (fixed): a worker computes an answer and then signals on an
 * unbuffered channel that it is done. main receives the signal before it
 * reads the answer: the send happens before the receive completes. */
#include <racekit/racekit.h>
#include <stdio.h>

static int answer; /* written by the worker before its send, read by main after its receive */

static void worker(void *arg) {
  rk_chan *done = arg;
  rk_sleep(20 * RK_MILLISECOND); /* the work takes a while */
  answer = 42;
  rk_chan_send(done, NULL); /* "I am done". HB: pairs with the receive in main() */
}

int main(void) {
  rk_chan *done = rk_chan_make(0, 0); /* unbuffered, signal only */
  rk_go(worker, done);
  rk_chan_recv(done, NULL, NULL); /* HB: pairs with the send in worker() */
  printf("answer = %d (expected 42)\n", answer);
  rk_chan_release(done);
  return 0;
}
