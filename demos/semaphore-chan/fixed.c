/* SPDX-License-Identifier: MIT */
/* semaphore-chan (fixed): a buffered channel of capacity 1 used as a lock
 * guards a counter: a send takes the slot, a receive gives it back. The k+C
 * rule with C = 1: the k-th receive happens before the (k+1)-th send
 * completes, so each holder's increments happen before the next holder's.
 */
#include <racekit/racekit.h>
#include <stdio.h>

enum { WORKERS = 4, ADDS = 200000, SLOTS = 1 /* one holder at a time */ };

static volatile long counter; /* guarded by the semaphore sem */
/* (volatile only stops the compiler from merging the loop into one add; it orders nothing) */
static rk_chan *sem;    /* capacity SLOTS: send = acquire a slot, receive = release it */
static rk_chan *start;  /* closed by main: all workers start at once */
static rk_waitgroup wg;

static void worker(void *arg) {
  (void)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  rk_chan_send(sem, NULL); /* take the slot. HB: the previous holder's receive pairs with this send (k+C) */
  for (int i = 0; i < ADDS; i++) {
    counter++;
  }
  rk_chan_recv(sem, NULL, NULL); /* give it back. HB: pairs with the next holder's send */
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  sem = rk_chan_make(0, SLOTS);
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
  rk_chan_release(sem);
  rk_chan_release(start);
  return 0;
}
