/* SPDX-License-Identifier: MIT */
/* realloc-array (racy): main grows an array to 1024 elements and shrinks it
 * back, 20 times, while a reader goroutine sums its first four elements.
 * realloc moves the array and frees the old block: the reader may be
 * reading the old block while it is freed, or the data pointer while it is
 * replaced. */
#include <racekit/racekit.h>
#include <stdio.h>
#include <stdlib.h>

enum { FIRST = 4, TOTAL = 1024, ROUNDS = 20 };

struct vec {
  int *data; /* replaced by realloc when the array is resized */
  size_t len, cap;
};

static struct vec v;     /* resized by main; read by the reader with no lock (the bug) */
static rk_atomic_i64 stop; /* main tells the reader to stop */
static rk_chan *started;   /* the reader says it is running */
static rk_chan *bad_sums;  /* the reader reports how many sums were wrong */

static void resize(size_t cap) {
  v.cap = cap;
  v.data = realloc(v.data, v.cap * sizeof *v.data);
  if (v.data == NULL) abort();
}

static void push(int x) {
  if (v.len == v.cap) resize(2 * v.cap);
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
  resize(FIRST);
  for (int i = 0; i < FIRST; i++) push(i);
  started = rk_chan_make(0, 0);
  bad_sums = rk_chan_make(sizeof(long), 0);
  rk_go(reader, NULL);
  rk_chan_recv(started, NULL, NULL); /* HB: pairs with the send in reader() */
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = FIRST; i < TOTAL; i++) push(i);
    v.len = FIRST; /* keep the first FIRST elements, give the rest back */
    resize(FIRST);
  }
  rk_atomic_i64_store(&stop, 1);
  long bad;
  rk_chan_recv(bad_sums, &bad, NULL); /* HB: pairs with the send in reader() */
  printf("%d rounds of growing the array to %d elements; the reader saw %ld wrong sums (expected 0)\n", ROUNDS,
         TOTAL, bad);
  free(v.data);
  rk_chan_release(started);
  rk_chan_release(bad_sums);
  return 0;
}
