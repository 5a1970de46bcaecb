/* SPDX-License-Identifier: MIT */
/* Deadlock: two goroutines each wait to receive from the other before
   sending; main waits for both. Expected: exit 2, goroutine 1 in
   WaitGroup.Wait, goroutines 2 and 3 in chan receive. */
#include <racekit/racekit.h>

static rk_chan *a, *b;
static rk_waitgroup wg;

static void first(void *arg) {
  (void)arg;
  int v = 0;
  rk_chan_recv(b, &v, NULL); /* BLOCK first */
  rk_chan_send(a, &v);
  rk_wg_done(&wg);
}

static void second(void *arg) {
  (void)arg;
  int v = 0;
  rk_chan_recv(a, &v, NULL); /* BLOCK second */
  rk_chan_send(b, &v);
  rk_wg_done(&wg);
}

int main(void) {
  a = rk_chan_make(sizeof(int), 0);
  b = rk_chan_make(sizeof(int), 0);
  rk_wg_add(&wg, 2);
  rk_go(first, NULL); /* GO first */
  rk_go(second, NULL); /* GO second */
  rk_wg_wait(&wg); /* BLOCK main */
  return 0;
}
