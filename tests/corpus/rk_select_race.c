/* SPDX-License-Identifier: MIT */
// expect: race 15 28
/* A select with a default case that finds nothing ready performs no
   operation and carries no edge: reading after it races. */
#include <racekit/racekit.h>

#include "corpus.h"

int payload;
int sink;
static corpus_barrier bar;

static void producer(void *arg) {
  (void)arg;
  payload = 42; /* R1 */
  invisible_barrier_wait(&bar);
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  rk_chan *ch = rk_chan_make(sizeof(int), 1);
  if (!ch) return 3;
  rk_go(producer, NULL);
  invisible_barrier_wait(&bar);
  int v;
  rk_select_case cases[] = {RK_RECV(ch, &v, NULL)};
  if (rk_select(cases, 1, RK_SELECT_DEFAULT) == RK_SELECT_NONE)
    sink = payload; /* R2 */
  rk_chan_release(ch);
  return 0;
}
