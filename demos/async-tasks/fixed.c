/* SPDX-License-Identifier: MIT */
/* async-tasks (fixed): two tasks of different lengths run concurrently. Each
 * sends its name to main when it finishes, and main alone appends to the
 * log: the log has one owner, and each send happens before its receive. */
#include <racekit/racekit.h>
#include <stdio.h>

static const char *finished[2]; /* the log: owned by main */
static int n_finished;

struct task {
  const char *name;
  int64_t ms;   /* how long the task works */
  rk_chan *out; /* the task reports on it when it is done */
};

static void run_task(void *arg) {
  struct task *t = arg;
  rk_sleep(t->ms * RK_MILLISECOND); /* the work */
  rk_chan_send(t->out, &t->name); /* HB: pairs with the receive in main() */
}

int main(void) {
  rk_chan *out = rk_chan_make(sizeof(const char *), 0); /* carries task names */
  struct task a = {"A (300 ms)", 300, out}, b = {"B (10 ms)", 10, out};
  rk_go(run_task, &a);
  rk_go(run_task, &b);
  for (int i = 0; i < 2; i++) rk_chan_recv(out, &finished[n_finished++], NULL); /* HB: pairs with run_task()'s send */
  for (int i = 0; i < n_finished; i++) printf("finished: %s\n", finished[i]);
  rk_chan_release(out);
  return 0;
}
