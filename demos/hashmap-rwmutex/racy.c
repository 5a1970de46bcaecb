/* SPDX-License-Identifier: MIT */
/* hashmap-rwmutex (racy): two goroutines insert 10000 keys each into one
 * chained hash table with no lock. An insert reads a bucket's head and
 * writes a new head: two inserts into the same bucket at once lose one of
 * the entries. */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { BUCKETS = 8, WRITERS = 2, KEYS = 10000 };

struct entry {
  int key, value;
  struct entry *next;
};

static struct entry *buckets[BUCKETS]; /* the table: nothing protects it (the bug) */

static struct entry *entry_new(int key, int value, struct entry *next) {
  struct entry *e = malloc(sizeof *e);
  if (e == NULL) abort();
  *e = (struct entry){key, value, next};
  return e;
}

static void insert(int key, int value) {
  unsigned h = (unsigned)key % BUCKETS;
  buckets[h] = entry_new(key, value, buckets[h]);
}

static int count(void) {
  int n = 0;
  for (int h = 0; h < BUCKETS; h++)
    for (struct entry *e = buckets[h]; e != NULL; e = e->next) n++;
  return n;
}

static rk_chan *start;  /* closed by main: all writers start at once */
static rk_waitgroup wg;

static void writer(void *arg) {
  int w = (int)(intptr_t)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  for (int i = 0; i < KEYS; i++) insert(w * KEYS + i, i);
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  start = rk_chan_make(0, 0);
  for (int w = 0; w < WRITERS; w++) {
    rk_wg_add(&wg, 1);
    rk_go(writer, (void *)(intptr_t)w);
  }
  rk_chan_close(start); /* HB: pairs with each goroutine's receive on start */
  rk_wg_wait(&wg); /* HB: pairs with each rk_wg_done */
  int n = count();
  printf("the table holds %d keys (expected %d)\n", n, WRITERS * KEYS);
  if (n != WRITERS * KEYS) printf("%d inserts were lost\n", WRITERS * KEYS - n);
  for (int h = 0; h < BUCKETS; h++)
    for (struct entry *e = buckets[h], *next; e != NULL; e = next) next = e->next, free(e);
  rk_chan_release(start);
  return 0;
}
