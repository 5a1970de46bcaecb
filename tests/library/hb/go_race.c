/* SPDX-License-Identifier: MIT */
/* Row "rk_go(fn) call happens before fn starts", edge absent: main writes x
   AFTER rk_go; the goroutine reads it later in time (relaxed hand-off).
   Nothing orders main's write with the goroutine: a race. */
#include "hb.h"

HB_ISOLATED int x;
static HB_ISOLATED atomic_int written, done;

static void reader(void *arg) {
  (void)arg;
  hb_wait(&written);
  hb_use(x); /* races with main's write */
  hb_signal(&done);
}

int main(void) {
  rk_go(reader, NULL);
  x = 42;
  hb_signal(&written);
  hb_wait(&done);
  return hb_no_race_seen();
}
