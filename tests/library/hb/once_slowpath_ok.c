/* SPDX-License-Identifier: MIT */
/* Row "the fn of rk_once_do returns before any rk_once_do on it returns",
   on the slow path: main calls rk_once_do while the goroutine's call is
   still running init (main waits for it), then reads what init wrote. */
#include "hb.h"

#include <time.h>

HB_ISOLATED int x;
static rk_once once = RK_ONCE_INIT;
static HB_ISOLATED atomic_int in_init, main_calling;

static void init(void) {
  hb_signal(&in_init);
  hb_wait(&main_calling);
  nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL); /* main waits in once_do */
  x = 1;
}

static void first(void *arg) {
  (void)arg;
  rk_once_do(&once, init);
}

int main(void) {
  rk_go(first, NULL);
  hb_wait(&in_init);
  hb_signal(&main_calling);
  rk_once_do(&once, init);
  hb_check(x == 1, "init returned before once_do");
  return hb_ok();
}
