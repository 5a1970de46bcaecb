/* SPDX-License-Identifier: MIT */
/* A FAILED trylock is not an edge: the goroutine holds the lock and has
   written x; main's trylock fails, then main reads x: a race (the mutex
   protects nothing for a caller that did not get it). */
#include "hb.h"

HB_ISOLATED int x;
static rk_mutex mu = RK_MUTEX_INIT;
static HB_ISOLATED atomic_int written, read_done;

static void holder(void *arg) {
  (void)arg;
  rk_mutex_lock(&mu);
  x = 1;
  hb_signal(&written);
  hb_wait(&read_done);
  rk_mutex_unlock(&mu);
}

int main(void) {
  rk_go(holder, NULL);
  hb_wait(&written);
  hb_check(!rk_mutex_trylock(&mu), "trylock fails while held");
  hb_use(x); /* races with the write under the goroutine's lock */
  hb_signal(&read_done);
  return hb_no_race_seen();
}
