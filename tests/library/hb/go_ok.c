/* SPDX-License-Identifier: MIT */
/* Row "rk_go(fn) call happens before fn starts": main writes x before
   rk_go, the goroutine reads it. Race-free because of the edge. */
#include "hb.h"

HB_ISOLATED int x;
static HB_ISOLATED atomic_int done;

static void reader(void *arg) {
  (void)arg;
  hb_check(x == 42, "goroutine sees main's write");
  hb_signal(&done);
}

int main(void) {
  x = 42;
  rk_go(reader, NULL);
  hb_wait(&done);
  return hb_ok();
}
