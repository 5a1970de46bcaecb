/* SPDX-License-Identifier: MIT */
/* Row "a cancel happens before a receive on done that returns because of
   it", edge absent: the goroutine writes x AFTER cancelling; main's
   receive on done returns, then main reads x later in time: a race. */
#include "hb.h"

HB_ISOLATED int x;
static rk_context *ctx;
static HB_ISOLATED atomic_int written;

static void canceler(void *arg) {
  (void)arg;
  rk_context_cancel(ctx);
  x = 1;
  hb_signal(&written);
}

int main(void) {
  ctx = rk_context_with_cancel(rk_context_background());
  rk_go(canceler, NULL);
  rk_chan_recv(rk_context_done(ctx), NULL, NULL);
  hb_wait(&written);
  hb_use(x); /* races with the write after cancel */
  return hb_no_race_seen();
}
