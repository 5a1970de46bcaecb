/* SPDX-License-Identifier: MIT */
/* struct-fields (racy): one goroutine counts hits, another counts misses,
 * each in its own field of one struct. But the fields are bit-fields, and
 * neighbouring bit-fields are ONE memory location in C: each increment
 * loads and stores the whole word, so the two goroutines race, and one
 * can overwrite the other's count. */
#include <racekit/racekit.h>
#include <stdio.h>

enum { EVENTS = 500000 };

struct stats {
  unsigned long long hits : 30;   /* written only by count_hits() ... */
  unsigned long long misses : 30; /* ... and this only by count_misses(), but they share a word (the bug) */
};

static volatile struct stats stats;
/* (volatile only stops the compiler from merging each loop into one add; it orders nothing) */
static rk_chan *start;  /* closed by main: both counters start at once */
static rk_waitgroup wg;

static void count_hits(void *arg) {
  (void)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  for (int i = 0; i < EVENTS; i++) stats.hits++;
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

static void count_misses(void *arg) {
  (void)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  for (int i = 0; i < EVENTS; i++) stats.misses++;
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  start = rk_chan_make(0, 0);
  rk_wg_add(&wg, 2);
  rk_go(count_hits, NULL);
  rk_go(count_misses, NULL);
  rk_chan_close(start); /* HB: pairs with each goroutine's receive on start */
  rk_wg_wait(&wg); /* HB: pairs with each rk_wg_done */
  printf("hits = %llu, misses = %llu (expected %d each)\n", (unsigned long long)stats.hits,
         (unsigned long long)stats.misses, EVENTS);
  rk_chan_release(start);
  return 0;
}
