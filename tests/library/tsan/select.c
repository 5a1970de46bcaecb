/* SPDX-License-Identifier: MIT */
/* Select under load: workers select over a work channel (receive), a
   results channel (send) and a quit channel; a collector selects over the
   results and a timer. Payloads are plain memory handed over by the
   channels (checked by ThreadSanitizer in that build). Fairness: two
   always-ready cases are each chosen 50% +- 5% of 10,000 times. */
#include "scenario.h"

#include <stdbool.h>

enum { WORKERS = 4, JOBS = 20000 };

typedef struct job {
  long input;
  long output; /* written by the worker that took the job */
} job;

static rk_chan *work, *results, *quit;
static rk_waitgroup wg;

static void worker(void *arg) {
  (void)arg;
  job *j = NULL, *pending = NULL;
  for (;;) {
    rk_chan *out = pending ? results : NULL; /* NULL: send case disabled */
    rk_chan *in = pending ? NULL : work;
    rk_select_case cases[] = {RK_RECV(in, &j, NULL), RK_SEND(out, &pending),
                              RK_RECV(quit, NULL, NULL)};
    int k = rk_select(cases, 3, RK_SELECT_BLOCK);
    if (k == 0) {
      j->output = j->input * 3 + 1;
      pending = j;
    } else if (k == 1) {
      pending = NULL;
    } else {
      CHECK(k == 2);
      break;
    }
  }
  rk_wg_done(&wg);
}

int main(void) {
  work = rk_chan_make(sizeof(job *), 16);
  results = rk_chan_make(sizeof(job *), 0);
  quit = rk_chan_make(0, 0);
  job *jobs = calloc(JOBS, sizeof *jobs);
  CHECK(jobs != NULL);
  rk_wg_add(&wg, WORKERS);
  for (int i = 0; i < WORKERS; i++)
    rk_go(worker, NULL);

  int sent = 0, got = 0;
  long sum = 0;
  while (got < JOBS) {
    job *next = sent < JOBS ? &jobs[sent] : NULL;
    if (next)
      next->input = sent;
    job *done = NULL;
    rk_select_case cases[] = {RK_SEND(next ? work : NULL, &next),
                              RK_RECV(results, &done, NULL)};
    int k = rk_select(cases, 2, RK_SELECT_BLOCK);
    if (k == 0) {
      sent++;
    } else {
      CHECK(k == 1 && done != NULL);
      CHECK(done->output == done->input * 3 + 1);
      sum += done->output;
      got++;
    }
  }
  CHECK(sum == 3L * JOBS * (JOBS - 1) / 2 + JOBS);
  rk_chan_close(quit);
  rk_wg_wait(&wg);
  free(jobs);

  /* fairness */
  rk_chan *a = rk_chan_make(sizeof(int), 1), *b = rk_chan_make(sizeof(int), 1);
  int one = 1, v, count[2] = {0, 0};
  rk_chan_send(a, &one);
  rk_chan_send(b, &one);
  for (int i = 0; i < 10000; i++) {
    rk_select_case cases[] = {RK_RECV(a, &v, NULL), RK_RECV(b, &v, NULL)};
    int k = rk_select(cases, 2, RK_SELECT_DEFAULT);
    CHECK(k == 0 || k == 1);
    count[k]++;
    rk_chan_send(k ? b : a, &one);
  }
  CHECK(count[0] >= 4500 && count[0] <= 5500);
  rk_chan *nothing = rk_chan_make(sizeof(int), 0);
  rk_select_case none[] = {RK_RECV(nothing, &v, NULL), RK_RECV(NULL, &v, NULL)};
  CHECK(rk_select(none, 2, RK_SELECT_DEFAULT) == RK_SELECT_NONE);

  rk_chan_release(a);
  rk_chan_release(b);
  rk_chan_release(nothing);
  rk_chan_release(work);
  rk_chan_release(results);
  rk_chan_release(quit);
  printf("select: ok\n");
  return 0;
}
