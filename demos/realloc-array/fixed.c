/* SPDX-License-Identifier: MIT */
/* realloc-array (fixed): main appends to a growing array while a reader
 * goroutine sums its first four elements. A mutex guards the array: the
 * reader never sees a block that realloc is moving or freeing, because each
 * unlock happens before the next lock returns. */
#include <racekit/racekit.h>
#include <stdio.h>
#include <stdlib.h>

enum { FIRST = 4, TOTAL = 16384 };

struct vec {
  int *data; /* replaced by realloc when the array grows */
  size_t len, cap;
};

static struct vec v;     /* guarded by v_mu */
static rk_mutex v_mu;
static rk_atomic_i64 stop; /* main tells the reader to stop */
static rk_chan *started;   /* the reader says it is running */
static rk_chan *bad_sums;  /* the reader reports how many sums were wrong */

static void push(int x) {
  rk_mutex_lock(&v_mu); /* HB: pairs with the previous unlock (in reader()) */
  if (v.len == v.cap) {
    v.cap *= 2;
    v.data = realloc(v.data, v.cap * sizeof *v.data);
    if (v.data == NULL) abort();
  }
  v.data[v.len++] = x;
  rk_mutex_unlock(&v_mu); /* HB: pairs with the next lock (in reader()) */
}

static void reader(void *arg) {
  (void)arg;
  long bad = 0;
  rk_chan_send(started, NULL); /* HB: pairs with the receive in main() */
  do { /* at least one round */
    rk_mutex_lock(&v_mu); /* HB: pairs with the previous unlock (in push()) */
    long sum = v.data[0] + v.data[1] + v.data[2] + v.data[3]; /* the first FIRST elements */
    rk_mutex_unlock(&v_mu); /* HB: pairs with the next lock (in push()) */
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
