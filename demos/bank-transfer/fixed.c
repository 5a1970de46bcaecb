/* SPDX-License-Identifier: MIT */
/* bank-transfer (fixed): every account has its own lock. transfer() locks
 * both accounts, always in the same order (lower id first), so two
 * transfers on the same account are ordered by its lock, and two transfers
 * in opposite directions cannot deadlock (compare deadlock.c). */
#include <racekit/racekit.h>
#include <stdint.h>
#include <stdio.h>

enum { TRANSFERS = 50000 };

struct account {
  int id;
  rk_mutex mu;
  long balance; /* guarded by mu */
};

static struct account accounts[2] = {{.id = 0, .balance = 1000}, {.id = 1, .balance = 1000}};
static rk_chan *start;  /* closed by main: both tellers start at once */
static rk_waitgroup wg;

static void transfer(struct account *from, struct account *to, long amount) {
  struct account *first = from->id < to->id ? from : to, *second = from->id < to->id ? to : from;
  rk_mutex_lock(&first->mu); /* HB: pairs with the previous unlock of first */
  rk_mutex_lock(&second->mu); /* HB: pairs with the previous unlock of second */
  from->balance -= amount;
  to->balance += amount;
  rk_mutex_unlock(&second->mu); /* HB: pairs with the next lock of second */
  rk_mutex_unlock(&first->mu); /* HB: pairs with the next lock of first */
}

static void teller(void *arg) {
  int from = (int)(intptr_t)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  for (int i = 0; i < TRANSFERS; i++) transfer(&accounts[from], &accounts[1 - from], 1);
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  start = rk_chan_make(0, 0);
  for (int t = 0; t < 2; t++) {
    rk_wg_add(&wg, 1);
    rk_go(teller, (void *)(intptr_t)t);
  }
  rk_chan_close(start); /* HB: pairs with each goroutine's receive on start */
  rk_wg_wait(&wg); /* HB: pairs with each rk_wg_done */
  long a = accounts[0].balance, b = accounts[1].balance;
  printf("A = %ld, B = %ld, total = %ld (expected 2000)\n", a, b, a + b);
  rk_chan_release(start);
  return 0;
}
