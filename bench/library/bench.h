/* SPDX-License-Identifier: MIT */
/* A tiny benchmark harness in the manner of Go's testing.B: each benchmark
   runs n operations and returns the elapsed nanoseconds; the harness grows
   n until one run lasts at least the target time, then reports ns/op. */
#ifndef RACEKIT_BENCH_H
#define RACEKIT_BENCH_H

#include <racekit/racekit.h>

#include <stdint.h>

/* Runs n operations, returns the elapsed time in ns. */
typedef int64_t (*rkb_fn)(long n);

typedef struct rkb_bench {
  const char *name; /* same name as the Go benchmark in bench/go */
  rkb_fn fn;
} rkb_bench;

int64_t rkb_ns_now(void);

int64_t rkb_chan_pingpong(long n);
int64_t rkb_chan_buffered_1p1c(long n);
int64_t rkb_chan_buffered_4p4c(long n);
int64_t rkb_select_2ready(long n);
int64_t rkb_select_default(long n);
int64_t rkb_mutex_uncontended(long n);
int64_t rkb_mutex_contended(long n);
int64_t rkb_spawn_1000_wait(long n);
int64_t rkb_once_fastpath(long n);

#endif
