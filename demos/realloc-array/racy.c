/* SPDX-License-Identifier: MIT */
/* realloc-array (racy): main appends to a growing array while a reader
 * goroutine sums its first four elements. When the array is full, realloc
 * moves it and frees the old block: the reader may be reading the old block
 * while it is freed, or the data pointer while it is replaced. */
#include <racekit/racekit.h>
#include <stdio.h>
#include <stdlib.h>

enum { FIRST = 4, TOTAL = 16384 };

struct vec {
  int *data; /* replaced by realloc when the array grows */
  size_t len, cap;
};

static struct vec v;     /* grown by main; read by the reader with no lock (the bug) */
static rk_atomic_i64 stop; /* main tells the reader to stop */
static rk_chan *started;   /* the reader says it is running */
static rk_chan *bad_sums;  /* the reader reports how many sums were wrong */

static void push(int x) {
  if (v.len == v.cap) {
    v.cap *= 2;
    v.data = realloc(v.data, v.cap * sizeof *v.data);
    if (v.data == NULL) abort();
  }
  v.data[v.len++] = x;
}

static void reader(void *arg) {
  (void)arg;
  long bad = 0;
  rk_chan_send(started, NULL); /* HB: pairs with the receive in main() */
  do { /* at least one round */
    long sum = v.data[0] + v.data[1] + v.data[2] + v.data[3]; /* the first FIRST elements */
    bad += sum != FIRST * (FIRST - 1) / 2;
  } while (rk_atomic_i64_load(&stop) == 0);
  rk_chan_send(bad_sums, &bad); /* HB: pairs with the receive in main() */
}

int main(void) {
  v.cap = FIRST;
  v.data = malloc(v.cap * sizeof *v.data);
  if (v.data == NULL) abort();
  for (int i = 0; i < FIRST; i++) push(i);
  started = rk_chan_make(0, 0);
  bad_sums = rk_chan_make(sizeof(long), 0);
  rk_go(reader, NULL);
  rk_chan_recv(started, NULL, NULL); /* HB: pairs with the send in reader() */
  for (int i = FIRST; i < TOTAL; i++) push(i);
  rk_atomic_i64_store(&stop, 1);
  long bad;
  rk_chan_recv(bad_sums, &bad, NULL); /* HB: pairs with the send in reader() */
  printf("array grown to %zu elements; the reader saw %ld wrong sums (expected 0)\n", v.len, bad);
  free(v.data);
  rk_chan_release(started);
  rk_chan_release(bad_sums);
  return 0;
}
