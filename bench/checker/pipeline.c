/* SPDX-License-Identifier: MIT */
/* Benchmark shape "channel pipeline" (racekit channels): a generator
 * goroutine, two squaring goroutines and a summing main, connected by
 * buffered channels; each item is a small struct whose payload the
 * stages read and write. The checker's cost per channel operation.
 * Usage: pipeline [ITEMS] */
#include <racekit/racekit.h>
#include <stdio.h>
#include <stdlib.h>

enum { SQUARERS = 2, CAP = 64 };
typedef struct item {
  long n;
  long payload[4];
} item;

static long items = 1000000;
static rk_chan *numbers, *squares;
static rk_waitgroup squarers_done = RK_WAITGROUP_INIT;

static void generate(void *arg) {
  (void)arg;
  for (long i = 0; i < items; i++) {
    item it = {.n = i, .payload = {i, i + 1, i + 2, i + 3}};
    rk_chan_send(numbers, &it);
  }
  rk_chan_close(numbers);
}

static void square(void *arg) {
  (void)arg;
  item it;
  RK_CHAN_FOR(numbers, it) {
    for (int k = 0; k < 4; k++) it.payload[k] = it.payload[k] * it.payload[k] % 1000003;
    rk_chan_send(squares, &it);
  }
  rk_wg_done(&squarers_done);
}

static void close_when_done(void *arg) {
  (void)arg;
  rk_wg_wait(&squarers_done);
  rk_chan_close(squares);
}

int main(int argc, char **argv) {
  if (argc > 1) items = atol(argv[1]);
  numbers = rk_chan_make(sizeof(item), CAP);
  squares = rk_chan_make(sizeof(item), CAP);
  if (!numbers || !squares) return 1;
  rk_wg_add(&squarers_done, SQUARERS);
  rk_go(generate, NULL);
  for (int i = 0; i < SQUARERS; i++) rk_go(square, NULL);
  rk_go(close_when_done, NULL);
  long sum = 0;
  item it;
  RK_CHAN_FOR(squares, it) sum += it.payload[0] + it.payload[3];
  printf("pipeline %ld\n", sum);
  rk_chan_release(numbers);
  rk_chan_release(squares);
  return 0;
}
