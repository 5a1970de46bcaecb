/* SPDX-License-Identifier: MIT */
// expect: norace
/* A cancel happens before a receive on rk_context_done that returns
   because of it. */
#include <racekit/racekit.h>

int result;

static void worker(void *arg) {
  rk_context *ctx = arg;
  result = 42;
  rk_context_cancel(ctx);
}

int main(void) {
  rk_context *ctx = rk_context_with_cancel(rk_context_background());
  if (!ctx) return 3;
  rk_go(worker, ctx);
  bool ok = true;
  rk_chan_recv(rk_context_done(ctx), NULL, &ok);
  int got = result;
  int err = rk_context_err(ctx);
  rk_context_release(ctx);
  return !ok && got == 42 && err == RK_ECANCELED ? 0 : 1;
}
