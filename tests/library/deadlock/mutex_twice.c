/* SPDX-License-Identifier: MIT */
/* Deadlock: main locks a mutex it already holds.
   Expected: exit 2, "goroutine 1 [Mutex.Lock]:". */
#include <racekit/racekit.h>

static rk_mutex mu;

int main(void) {
  rk_mutex_lock(&mu);
  rk_mutex_lock(&mu); /* BLOCK main */
  return 0;
}
