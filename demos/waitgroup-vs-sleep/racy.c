/* SPDX-License-Identifier: MIT */
/* waitgroup-vs-sleep (racy): ten goroutines work for 1 to 10 ms each and
 * store a result. main waits by sleeping for a guessed time, then reads the
 * results: some are not there yet, and none of them is ordered before the
 * read. */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>

enum { N = 10 };

static long results[N]; /* results[i] written by goroutine i, read by main */

static void worker(void *arg) {
  int id = (int)(intptr_t)arg;
  rk_sleep((id + 1) * RK_MILLISECOND); /* the work */
  results[id] = (long)(id + 1) * (id + 1);
}

int main(void) {
  for (int i = 0; i < N; i++) {
    rk_go(worker, (void *)(intptr_t)i);
  }
  rk_sleep(5 * RK_MILLISECOND); /* a guess: "the work is short" */
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
