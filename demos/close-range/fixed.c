/* SPDX-License-Identifier: MIT */
/* close-range (fixed): main produces: it fills a buffered channel, records
 * how many values it sent, and then closes the channel. A consumer ranges
 * over the channel until it is closed and then reads that count: closing
 * happens before the receive that returns because the channel is closed.
 */
#include <racekit/racekit.h>
#include <stdio.h>

enum { N = 10 };

static int n_sent;     /* written by main before close, read by the consumer after its range */
static rk_chan *values; /* int values, buffered */
static rk_chan *done;   /* the consumer signals main when it has finished */

static void consumer(void *arg) {
  (void)arg;
  int v, sum = 0, n_received = 0;
  RK_CHAN_FOR(values, v) { /* HB: its last receive pairs with rk_chan_close in main() */
    sum += v;
    n_received++;
  }
  printf("received %d values, sum %d; producer says it sent %d (expected %d)\n", n_received, sum, n_sent, N);
  rk_chan_send(done, NULL); /* HB: pairs with the receive on done in main() */
}

int main(void) {
  values = rk_chan_make(sizeof(int), 100);
  done = rk_chan_make(0, 0);
  rk_go(consumer, NULL);
  for (int i = 0; i < N; i++) rk_chan_send(values, &i);
  n_sent = N;
  rk_chan_close(values); /* HB: pairs with the receive that ends RK_CHAN_FOR in consumer() */
  rk_chan_recv(done, NULL, NULL); /* HB: pairs with the send on done */
  rk_chan_release(values);
  rk_chan_release(done);
  return 0;
}
