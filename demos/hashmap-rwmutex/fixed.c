/* SPDX-License-Identifier: MIT */
/* hashmap-rwmutex (fixed): two goroutines insert 10000 keys each into one
 * chained hash table guarded by an RWMutex: inserts take the write lock,
 * lookups the read lock (readers may share it). Each unlock happens before
 * the next lock or rlock returns. */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { BUCKETS = 8, WRITERS = 2, KEYS = 10000 };

struct entry {
  int key, value;
  struct entry *next;
};

static struct entry *buckets[BUCKETS]; /* the table: guarded by table_rw */
static rk_rwmutex table_rw;

static struct entry *entry_new(int key, int value, struct entry *next) {
  struct entry *e = malloc(sizeof *e);
  if (e == NULL) abort();
  *e = (struct entry){key, value, next};
  return e;
}

static void insert(int key, int value) {
  unsigned h = (unsigned)key % BUCKETS;
  rk_rwmutex_lock(&table_rw); /* HB: pairs with the previous unlock or runlock */
  buckets[h] = entry_new(key, value, buckets[h]);
  rk_rwmutex_unlock(&table_rw); /* HB: pairs with the next lock or rlock */
}

static int count(void) {
  int n = 0;
  rk_rwmutex_rlock(&table_rw); /* HB: pairs with the previous unlock */
  for (int h = 0; h < BUCKETS; h++)
    for (struct entry *e = buckets[h]; e != NULL; e = e->next) n++;
  rk_rwmutex_runlock(&table_rw); /* HB: pairs with the next lock */
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
