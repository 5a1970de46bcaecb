/* SPDX-License-Identifier: MIT */
/* Row "rk_mutex_unlock happens before the next rk_mutex_lock returns": the
   goroutine writes x inside the lock; main locks after it (relaxed
   hand-off only orders in time) and reads x. Race-free because of the edge. */
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
  rk_mutex_lock(&mu);
  hb_check(x == 1, "x written under the lock");
  rk_mutex_unlock(&mu);
  return hb_ok();
}
