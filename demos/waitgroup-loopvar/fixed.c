/* SPDX-License-Identifier: MIT */
/* waitgroup-loopvar (fixed): ten goroutines started in a loop, a WaitGroup to
 * wait for them. Each goroutine is given the VALUE of the loop variable,
 * copied when rk_go is called (which happens before the goroutine starts). */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>

enum { N = 10 };

static rk_waitgroup wg;
static rk_atomic_i64 sum; /* of the numbers the goroutines saw (atomic: not this lesson's race) */

static void worker(void *arg) {
  int n = (int)(intptr_t)arg;
  rk_atomic_i64_add(&sum, n);
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  int i = 0;
  do {
    rk_wg_add(&wg, 1);
    rk_go(worker, (void *)(intptr_t)i); /* a copy of i, not its address */
  } while (++i < N);
  rk_wg_wait(&wg); /* HB: pairs with each rk_wg_done */
  printf("sum of the numbers the goroutines saw: %lld (expected %d)\n",
         (long long)rk_atomic_i64_load(&sum), N * (N - 1) / 2);
  return 0;
}
