/* SPDX-License-Identifier: MIT */
/* rk_bench: run the library benchmarks and print "name ns/op" lines.
   Usage: rk_bench [-t target_ms] [name...]   (no name: all) */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t rkb_ns_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static const rkb_bench benches[] = {
    {"chan_pingpong", rkb_chan_pingpong},
    {"chan_buffered_1p1c", rkb_chan_buffered_1p1c},
    {"chan_buffered_4p4c", rkb_chan_buffered_4p4c},
    {"select_2ready", rkb_select_2ready},
    {"select_default", rkb_select_default},
    {"mutex_uncontended", rkb_mutex_uncontended},
    {"mutex_contended", rkb_mutex_contended},
    {"spawn_1000_wait", rkb_spawn_1000_wait},
    {"once_fastpath", rkb_once_fastpath},
};

/* Like testing.B: grow n (at most 100x per step, aiming 20% past the
   target) until a run takes target_ns. */
static double run(rkb_fn fn, int64_t target_ns) {
  long n = 1;
  for (;;) {
    int64_t t = fn(n);
    if (t >= target_ns || n >= 2000000000L)
      return (double)t / (double)n;
    double per = t > 0 ? (double)t / (double)n : 1.0;
    double want = 1.2 * (double)target_ns / per;
    long next = want > 100.0 * n ? 100 * n : (long)want;
    if (next <= n)
      next = n + 1;
    n = next;
  }
}

int main(int argc, char **argv) {
  int64_t target_ns = 300 * 1000000LL;
  int first = 1;
  if (argc > 2 && strcmp(argv[1], "-t") == 0) {
    target_ns = atoll(argv[2]) * 1000000LL;
    first = 3;
  }
  int ran = 0;
  for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) {
    bool want = first >= argc;
    for (int a = first; a < argc; a++)
      if (strcmp(argv[a], benches[i].name) == 0)
        want = true;
    if (!want)
      continue;
    printf("%s %.2f\n", benches[i].name, run(benches[i].fn, target_ns));
    fflush(stdout);
    ran++;
  }
  if (ran == 0) {
    fprintf(stderr, "rk_bench: no such benchmark\n");
    return 2;
  }
  return 0;
}
