/* SPDX-License-Identifier: MIT */
/* Pooled threads, ordered: goroutine A writes x and calls rk_wg_done; main
   waits, then starts B, which writes x (very likely on A's old pooled
   thread). A's write -> done -> wait -> rk_go(B) -> B: race-free. */
#include "hb.h"

HB_ISOLATED int x;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static HB_ISOLATED atomic_int done;

static void a(void *arg) {
  (void)arg;
  x = 1;
  rk_wg_done(&wg);
}

static void b(void *arg) {
  (void)arg;
  x = 2;
  hb_signal(&done);
}

int main(void) {
  rk_wg_add(&wg, 1);
  rk_go(a, NULL);
  rk_wg_wait(&wg);
  rk_go(b, NULL);
  hb_wait(&done);
  return hb_ok();
}
