/* SPDX-License-Identifier: MIT */
/* The program of test_sync_notes_e2e.c: main hands a value to a goroutine
 * over an unbuffered channel, then both write `x` without ordering (race 1,
 * detected by the goroutine), and later both write `y` (race 2, detected
 * by main). Each side also locks and unlocks a mutex of its own after the
 * hand-over, an event the other side's clock never learns. The test reads
 * the E2E:name markers to know the lines. Built with -fsanitize=thread
 * and racekit's runtime, like `racekit cc` builds.
 */
#include <racekit/racekit.h>

typedef unsigned long long invisible_barrier_t;
void __tsan_testonly_barrier_init(invisible_barrier_t *b, unsigned count);
void __tsan_testonly_barrier_wait(invisible_barrier_t *b);

static rk_chan *ch;
static invisible_barrier_t bar; /* orders the steps in time, no edge */
static rk_mutex main_mu = RK_MUTEX_INIT, worker_mu = RK_MUTEX_INIT;
int rk_sync_x, rk_sync_y;

static void worker(void *arg) {
  (void)arg;
  int v = 0;
  rk_chan_recv(ch, &v, NULL); /* E2E:recv */
  rk_mutex_lock(&worker_mu); /* E2E:worker_lock */
  rk_mutex_unlock(&worker_mu); /* E2E:worker_unlock */
  rk_sync_y = v; /* E2E:y_worker */
  __tsan_testonly_barrier_wait(&bar); /* 1: main has written x */
  rk_sync_x = v; /* E2E:x_worker */
  __tsan_testonly_barrier_wait(&bar); /* 2: race 1 is reported */
}

int main(void) {
  __tsan_testonly_barrier_init(&bar, 2);
  ch = rk_chan_make(sizeof(int), 0);
  rk_go(worker, NULL); /* E2E:go */
  int one = 1;
  rk_chan_send(ch, &one); /* E2E:send */
  rk_mutex_lock(&main_mu); /* E2E:main_lock */
  rk_mutex_unlock(&main_mu); /* E2E:main_unlock */
  rk_sync_x = 2; /* E2E:x_main */
  __tsan_testonly_barrier_wait(&bar); /* 1 */
  __tsan_testonly_barrier_wait(&bar); /* 2 */
  rk_sync_y = 3; /* E2E:y_main */
  return 0;
}
