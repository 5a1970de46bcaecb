/* SPDX-License-Identifier: MIT */
/* Row "a cancel happens before a receive on rk_context_done that returns
   because of it": the goroutine writes x then cancels; main's receive on
   done returns (closed), then main reads x. */
#include "hb.h"

HB_ISOLATED int x;
static rk_context *ctx;

static void canceler(void *arg) {
  (void)arg;
  x = 1;
  rk_context_cancel(ctx);
}

int main(void) {
  ctx = rk_context_with_cancel(rk_context_background());
  rk_go(canceler, NULL);
  bool ok = true;
  rk_chan_recv(rk_context_done(ctx), NULL, &ok);
  hb_check(!ok, "done is closed");
  hb_check(x == 1 && rk_context_err(ctx) == RK_ECANCELED, "x and err");
  rk_context_release(ctx);
  return hb_ok();
}
