/* SPDX-License-Identifier: MIT */
// expect: norace
/* The return of the once function happens before every rk_once_do on the
   same once returns. */
#include <racekit/racekit.h>

enum { GOROUTINES = 4 };
static rk_once once = RK_ONCE_INIT;
int config[4]; /* written by init only */
int seen[GOROUTINES];
static rk_waitgroup wg = RK_WAITGROUP_INIT;

static void init(void) {
  for (int i = 0; i < 4; i++) config[i] = i + 7;
}

static void worker(void *arg) {
  long i = (long)arg;
  rk_once_do(&once, init);
  seen[i] = config[3];
  rk_wg_done(&wg);
}

int main(void) {
  rk_wg_add(&wg, GOROUTINES);
  for (long i = 0; i < GOROUTINES; i++) rk_go(worker, (void *)i);
  rk_wg_wait(&wg);
  for (int i = 0; i < GOROUTINES; i++)
    if (seen[i] != 10) return 1;
  return 0;
}
