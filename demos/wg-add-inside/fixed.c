/* SPDX-License-Identifier: MIT */
/* wg-add-inside (fixed): main calls rk_wg_add(&wg, 1) before it starts each
 * goroutine, so the counter counts every goroutine before rk_wg_wait can
 * look at it, and each rk_wg_done happens before the Wait it releases
 * returns. */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>

enum { N = 3 };

static long results[N]; /* results[i] written by goroutine i before rk_wg_done, read by main after rk_wg_wait */
static rk_waitgroup wg;

static void worker(void *arg) {
  int id = (int)(intptr_t)arg;
  rk_sleep(5 * RK_MILLISECOND); /* the goroutine takes a moment to get going */
  results[id] = 100 + id;
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  for (int i = 0; i < N; i++) {
    rk_wg_add(&wg, 1); /* before rk_go, not inside the goroutine */
    rk_go(worker, (void *)(intptr_t)i);
  }
  rk_wg_wait(&wg); /* HB: pairs with rk_wg_done in worker() */
  int ready = 0;
  for (int i = 0; i < N; i++) ready += results[i] != 0;
  printf("results ready after Wait: %d of %d\n", ready, N);
  rk_sleep(20 * RK_MILLISECOND); /* the rest of the program (not synchronisation) */
  return 0;
}
