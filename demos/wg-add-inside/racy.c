/* SPDX-License-Identifier: MIT */
/* wg-add-inside (racy): each goroutine calls rk_wg_add(&wg, 1) itself, as
 * its first step. main's rk_wg_wait can run before any goroutine has added
 * itself: the counter is still zero, Wait returns at once, and main reads
 * results that no rk_wg_done has ordered before the read. */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>

enum { N = 3 };

static long results[N]; /* results[i] written by goroutine i, read by main after rk_wg_wait */
static rk_waitgroup wg;

static void worker(void *arg) {
  int id = (int)(intptr_t)arg;
  rk_sleep(5 * RK_MILLISECOND); /* the goroutine takes a moment to get going */
  rk_wg_add(&wg, 1);
  results[id] = 100 + id;
  rk_wg_done(&wg); /* HB: pairs with an rk_wg_wait that counted this goroutine (if any) */
}

int main(void) {
  for (int i = 0; i < N; i++) {
    rk_go(worker, (void *)(intptr_t)i);
  }
  rk_wg_wait(&wg); /* HB: pairs with the rk_wg_done of the goroutines it counted (none, if it came first) */
  int ready = 0;
  for (int i = 0; i < N; i++) ready += results[i] != 0;
  printf("results ready after Wait: %d of %d\n", ready, N);
  rk_sleep(20 * RK_MILLISECOND); /* the rest of the program (not synchronisation) */
  return 0;
}
