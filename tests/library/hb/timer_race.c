/* SPDX-License-Identifier: MIT */
/* Timers are not in the contract: two unrelated timers must not order two
   goroutines. The goroutine writes x, then starts and waits for its own
   rk_after timer; main, later in time (relaxed hand-off), starts and
   receives from another timer (the timer machinery is shared), then reads
   x: a race. */
#include "hb.h"

HB_ISOLATED int x;
static HB_ISOLATED atomic_int armed;

static void writer(void *arg) {
  (void)arg;
  x = 1;
  rk_chan *t = rk_after(RK_MILLISECOND);
  hb_signal(&armed);
  rk_chan_recv(t, NULL, NULL);
  rk_chan_release(t);
}

int main(void) {
  rk_go(writer, NULL);
  hb_wait(&armed);
  rk_chan *t = rk_after(2 * RK_MILLISECOND);
  rk_chan_recv(t, NULL, NULL);
  rk_chan_release(t);
  hb_use(x); /* races with the goroutine's write */
  return hb_no_race_seen();
}
