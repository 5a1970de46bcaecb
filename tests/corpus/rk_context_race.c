/* SPDX-License-Identifier: MIT */
// expect: race 15 26
/* Writing after the cancel: the cancel orders only what came before it. */
#include <racekit/racekit.h>

#include "corpus.h"

int result;
int sink;
static corpus_barrier bar;

static void worker(void *arg) {
  rk_context *ctx = arg;
  rk_context_cancel(ctx);
  result = 42; /* R1 */
  invisible_barrier_wait(&bar);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_context *ctx = rk_context_with_cancel(rk_context_background());
  if (!ctx) return 3;
  rk_go(worker, ctx);
  rk_chan_recv(rk_context_done(ctx), NULL, NULL);
  invisible_barrier_wait(&bar);
  sink = result; /* R2 */
  rk_context_release(ctx);
  return 0;
}
