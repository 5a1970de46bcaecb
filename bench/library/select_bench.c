/* SPDX-License-Identifier: MIT */
/* Select benchmarks: a select over two receive cases that are always ready
   (two closed channels, so no refill is measured), and a select with
   default over two channels that are never ready. */
#include "bench.h"

int64_t rkb_select_2ready(long n) {
  rk_chan *a = rk_chan_make(sizeof(long), 1), *b = rk_chan_make(sizeof(long), 1);
  rk_chan_close(a);
  rk_chan_close(b);
  long va, vb, hits = 0;
  int64_t t0 = rkb_ns_now();
  for (long i = 0; i < n; i++) {
    rk_select_case cases[] = {RK_RECV(a, &va, NULL), RK_RECV(b, &vb, NULL)};
    hits += rk_select(cases, 2, RK_SELECT_BLOCK);
  }
  int64_t t = rkb_ns_now() - t0;
  rk_chan_release(a);
  rk_chan_release(b);
  return hits < 0 ? -t : t;
}

int64_t rkb_select_default(long n) {
  rk_chan *a = rk_chan_make(sizeof(long), 0), *b = rk_chan_make(sizeof(long), 1);
  long va, vb, none = 0;
  int64_t t0 = rkb_ns_now();
  for (long i = 0; i < n; i++) {
    rk_select_case cases[] = {RK_RECV(a, &va, NULL), RK_RECV(b, &vb, NULL)};
    none += rk_select(cases, 2, RK_SELECT_DEFAULT);
  }
  int64_t t = rkb_ns_now() - t0;
  rk_chan_release(a);
  rk_chan_release(b);
  return none != -n ? -t : t;
}
