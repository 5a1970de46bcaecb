/* SPDX-License-Identifier: MIT */
/* Row "rk_go(fn) call happens before fn starts": nothing orders fn's END
   with anything. The goroutine writes x and returns; main reads x later in
   time (relaxed hand-off). A race: returning from fn is not an edge. */
#include "hb.h"

HB_ISOLATED int x;
static HB_ISOLATED atomic_int written;

static void writer(void *arg) {
  (void)arg;
  x = 1;
  hb_signal(&written);
}

int main(void) {
  rk_go(writer, NULL);
  hb_wait(&written);
  hb_use(x); /* races with the goroutine's write */
  return hb_no_race_seen();
}
