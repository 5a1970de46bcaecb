/* SPDX-License-Identifier: MIT */
/* expect: clean — goroutines hand data through a channel and a mutex;
   thousands of short goroutines reuse pool threads and fibers: each send
   happens before its receive, each unlock before the next lock. */
#include <racekit/racekit.h>

enum { N = 2000 };
static int payload[N];
static long total;
static rk_mutex mu = RK_MUTEX_INIT;
static rk_waitgroup wg = RK_WAITGROUP_INIT;
static rk_chan *ch;

static void producer(void *arg) {
  long i = (long)arg;
  payload[i] = (int)i; /* published by the send */
  rk_chan_send(ch, &i);
}

static void adder(void *arg) {
  long v = (long)arg;
  rk_mutex_lock(&mu);
  total += v;
  rk_mutex_unlock(&mu);
  rk_wg_done(&wg);
}

int main(void) {
  ch = rk_chan_make(sizeof(long), 16);
  for (long i = 0; i < N; i++)
    rk_go(producer, (void *)i);
  long sum = 0;
  for (int k = 0; k < N; k++) {
    long i;
    bool ok;
    rk_chan_recv(ch, &i, &ok);
    sum += payload[i];
  }
  rk_wg_add(&wg, 100);
  for (long i = 0; i < 100; i++)
    rk_go(adder, (void *)i);
  rk_wg_wait(&wg);
  rk_chan_release(ch);
  return sum == (long)N * (N - 1) / 2 && total == 4950 ? 0 : 1;
}
