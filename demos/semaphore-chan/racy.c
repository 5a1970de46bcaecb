/* SPDX-License-Identifier: MIT */
/* semaphore-chan (racy): a buffered channel used as a semaphore guards a
 * counter: a send takes a slot, a receive gives it back. With capacity 2,
 * two goroutines hold the semaphore at once. The k+C rule: the k-th receive
 * happens before the (k+C)-th send completes, so with C = 2 the second send
 * is not ordered after anything the first holder did. */
#include <racekit/racekit.h>
#include <stdio.h>

enum { WORKERS = 4, ADDS = 200000, SLOTS = 2 /* the bug: more than one holder at a time */ };

static volatile long counter; /* "guarded" by the semaphore sem */
/* (volatile only stops the compiler from merging the loop into one add; it orders nothing) */
static rk_chan *sem;    /* capacity SLOTS: send = acquire a slot, receive = release it */
static rk_chan *start;  /* closed by main: all workers start at once */
static rk_waitgroup wg;

static void worker(void *arg) {
  (void)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  rk_chan_send(sem, NULL); /* take a slot */
  for (int i = 0; i < ADDS; i++) {
    counter++;
  }
  rk_chan_recv(sem, NULL, NULL); /* give it back */
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
