/* SPDX-License-Identifier: MIT */
/* mutex-counter (fixed): four goroutines each add 200000 to one shared
 * counter, holding a mutex around counter++. Each unlock happens before the
 * next lock returns, so every increment sees the one before it. */
#include <racekit/racekit.h>
#include <stdio.h>

enum { WORKERS = 4, ADDS = 200000 };

static volatile long counter; /* guarded by counter_mu */
/* (volatile only stops the compiler from merging the loop into one add; it orders nothing) */
static rk_mutex counter_mu;
static rk_chan *start;  /* closed by main: all workers start at once */
static rk_waitgroup wg; /* main waits for the workers */

static void worker(void *arg) {
  (void)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  for (int i = 0; i < ADDS; i++) {
    rk_mutex_lock(&counter_mu); /* HB: pairs with the previous rk_mutex_unlock */
    counter++;
    rk_mutex_unlock(&counter_mu); /* HB: pairs with the next rk_mutex_lock */
  }
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  start = rk_chan_make(0, 0);
  for (int w = 0; w < WORKERS; w++) {
    rk_wg_add(&wg, 1);
    rk_go(worker, NULL);
  }
  rk_chan_close(start); /* HB: pairs with each goroutine's receive on start */
  rk_wg_wait(&wg); /* HB: pairs with each rk_wg_done */
  long total = counter, expected = (long)WORKERS * ADDS;
  printf("counter = %ld (expected %ld)\n", total, expected);
  if (total != expected) printf("%ld increments were lost\n", expected - total);
  rk_chan_release(start);
  return 0;
}
