/* SPDX-License-Identifier: MIT */
// expect: race 15 27
/* Writing after close: the close orders only what came before it. */
#include <racekit/racekit.h>

#include "corpus.h"

int x;
int sink;
static corpus_barrier bar;

static void closer(void *arg) {
  rk_chan *ch = arg;
  rk_chan_close(ch);
  x = 42; /* R1 */
  invisible_barrier_wait(&bar);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_chan *ch = rk_chan_make(0, 0);
  if (!ch) return 3;
  rk_go(closer, ch);
  bool ok = true;
  rk_chan_recv(ch, NULL, &ok);
  invisible_barrier_wait(&bar);
  sink = x; /* R2 */
  rk_chan_release(ch);
  return ok ? 1 : 0;
}
