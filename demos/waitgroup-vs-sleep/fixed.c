/* SPDX-License-Identifier: MIT */
/* waitgroup-vs-sleep (fixed): ten goroutines work for 1 to 10 ms each and
 * store a result. main waits with a WaitGroup: no guess, and each
 * rk_wg_done happens before the rk_wg_wait it releases returns. */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>

enum { N = 10 };

static long results[N]; /* results[i] written by goroutine i before rk_wg_done, read by main after rk_wg_wait */
static rk_waitgroup wg;

static void worker(void *arg) {
  int id = (int)(intptr_t)arg;
  rk_sleep((id + 1) * RK_MILLISECOND); /* the work */
  results[id] = (long)(id + 1) * (id + 1);
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  for (int i = 0; i < N; i++) {
    rk_wg_add(&wg, 1);
    rk_go(worker, (void *)(intptr_t)i);
  }
  rk_wg_wait(&wg); /* HB: pairs with rk_wg_done in worker() */
  int ready = 0;
  long sum = 0;
  for (int i = 0; i < N; i++) {
    long r = results[i];
    ready += r != 0;
    sum += r;
  }
  printf("results ready: %d of %d, sum %ld (expected 385)\n", ready, N, sum);
  return 0;
}
