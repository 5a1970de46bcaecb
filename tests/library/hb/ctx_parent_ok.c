/* SPDX-License-Identifier: MIT */
/* Row "a cancel happens before a receive on done that returns because of
   it", through the tree: the goroutine writes x then cancels the PARENT;
   main receives on a grandchild's done, then reads x. */
#include "hb.h"

HB_ISOLATED int x;
static rk_context *parent;

static void canceler(void *arg) {
  (void)arg;
  x = 1;
  rk_context_cancel(parent);
}

int main(void) {
  parent = rk_context_with_cancel(rk_context_background());
  rk_context *child = rk_context_with_cancel(parent);
  rk_context *grandchild = rk_context_with_timeout(child, 60 * RK_SECOND);
  rk_go(canceler, NULL);
  rk_chan_recv(rk_context_done(grandchild), NULL, NULL);
  hb_check(x == 1 && rk_context_err(grandchild) == RK_ECANCELED, "x and err");
  rk_context_release(grandchild);
  rk_context_release(child);
  rk_context_release(parent);
  return hb_ok();
}
