/* SPDX-License-Identifier: MIT */
/* context-config (fixed): a worker reads the shared configuration on every
 * round until its context is canceled. main takes three progress reports,
 * cancels the context, waits for the worker to finish, and only then
 * reloads the configuration: the worker's rk_wg_done, after its last read,
 * happens before main's rk_wg_wait returns. */
#include <racekit/racekit.h>
#include <stdio.h>

struct config {
  int batch; /* items per round */
};

static struct config config = {16}; /* read by the worker every round; written by main only after the worker has finished */
static rk_chan *progress;           /* the worker's running total, unbuffered */
static rk_waitgroup wg;

static void worker(void *arg) {
  rk_context *ctx = arg;
  long total = 0;
  for (;;) {
    total += config.batch;
    rk_select_case cases[] = {RK_RECV(rk_context_done(ctx), NULL, NULL), RK_SEND(progress, &total)};
    if (rk_select(cases, 2, RK_SELECT_BLOCK) == 0) break; /* canceled */
  }
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  rk_context *ctx = rk_context_with_cancel(rk_context_background());
  progress = rk_chan_make(sizeof(long), 0);
  rk_wg_add(&wg, 1);
  rk_go(worker, ctx);
  for (int i = 0; i < 3; i++) {
    long total;
    rk_chan_recv(progress, &total, NULL); /* HB: pairs with the send case in worker() */
    printf("progress: %ld\n", total);
  }
  rk_context_cancel(ctx);
  rk_wg_wait(&wg); /* HB: pairs with rk_wg_done in worker() */
  config.batch = 64; /* reload */
  printf("worker stopped; configuration reloaded: batch = %d\n", config.batch);
  rk_context_release(ctx);
  rk_chan_release(progress);
  return 0;
}
