/* SPDX-License-Identifier: MIT */
/* Row "unlock happens before the next lock (or successful trylock)": the
   goroutine writes x under the lock; main's successful trylock, later in
   time, orders the read. */
#include "hb.h"

HB_ISOLATED int x;
static rk_mutex mu = RK_MUTEX_INIT;
static HB_ISOLATED atomic_int unlocked;

static void writer(void *arg) {
  (void)arg;
  rk_mutex_lock(&mu);
  x = 1;
  rk_mutex_unlock(&mu);
  hb_signal(&unlocked);
}

int main(void) {
  rk_go(writer, NULL);
  hb_wait(&unlocked);
  hb_check(rk_mutex_trylock(&mu), "trylock of an unlocked mutex");
  hb_check(x == 1, "x written under the lock");
  rk_mutex_unlock(&mu);
  return hb_ok();
}
