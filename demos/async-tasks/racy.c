/* SPDX-License-Identifier: MIT */
/* async-tasks (racy): two tasks of different lengths run concurrently. Each
 * appends its name to a shared log when it finishes, then tells main it is
 * done. The two appends are not ordered with each other: both tasks talk
 * only to main. */
#include <racekit/racekit.h>
#include <stdio.h>

static const char *finished[2]; /* the log: appended to by both tasks, unprotected (the bug) */
static int n_finished;

struct task {
  const char *name;
  int64_t ms;   /* how long the task works */
  rk_chan *out; /* the task reports on it when it is done */
};

static void run_task(void *arg) {
  struct task *t = arg;
  rk_sleep(t->ms * RK_MILLISECOND); /* the work */
  finished[n_finished++] = t->name;
  rk_chan_send(t->out, NULL); /* HB: pairs with a receive in main() */
}

int main(void) {
  rk_chan *out = rk_chan_make(0, 0); /* signal only */
  struct task a = {"A (300 ms)", 300, out}, b = {"B (10 ms)", 10, out};
  rk_go(run_task, &a);
  rk_go(run_task, &b);
  for (int i = 0; i < 2; i++) rk_chan_recv(out, NULL, NULL); /* HB: pairs with the send in run_task() */
  for (int i = 0; i < n_finished; i++) printf("finished: %s\n", finished[i]);
  rk_chan_release(out);
  return 0;
}
