/* SPDX-License-Identifier: MIT */
/* expect: race 1 — racekit goroutines run on a pool of threads, each its
   own logical thread (a fiber): two goroutines that write one counter
   without synchronization race even when the pool runs them on the same
   OS thread one after the other. The WaitGroup orders both before main's
   read (no race there), and a counter owned by each goroutine does not
   race. */
#include <racekit/racekit.h>

int counter;
static long own[64];
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void bump(void *arg) {
  long i = (long)arg;
  own[i] = i; /* each goroutine's own slot */
  if (i < 2)
    counter++; /* RACE */
  rk_wg_done(&wg);
}

int main(void) {
  rk_wg_add(&wg, 64);
  for (long i = 0; i < 64; i++)
    rk_go(bump, (void *)i);
  rk_wg_wait(&wg);
  long sum = 0;
  for (int i = 0; i < 64; i++)
    sum += own[i];
  return sum == 64 * 63 / 2 && counter == 2 ? 0 : 1;
}
