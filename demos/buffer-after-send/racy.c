/* SPDX-License-Identifier: MIT */
/* buffer-after-send (racy): main sends three orders to the kitchen over a
 * buffered channel, but it sends a POINTER to one buffer that it reuses for
 * the next order. The send happens before the receive, but main's next write
 * to the buffer is not ordered with the kitchen's read of it. */
#include <racekit/racekit.h>
#include <stdio.h>

enum { ORDERS = 3 };

struct order {
  int id;
  int items;
};

static rk_chan *orders; /* carries struct order * (the bug: a pointer to a reused buffer) */
static rk_chan *done;   /* the kitchen says it has finished */
static struct order buf; /* main's order buffer, reused for every order */

static void kitchen(void *arg) {
  (void)arg;
  for (int i = 0; i < ORDERS; i++) {
    struct order *p;
    rk_chan_recv(orders, &p, NULL);
    struct order o = *p;
    printf("order %d: %d items\n", o.id, o.items);
  }
  rk_chan_send(done, NULL); /* HB: pairs with the receive on done in main() */
}

int main(void) {
  orders = rk_chan_make(sizeof(struct order *), ORDERS);
  done = rk_chan_make(0, 0);
  rk_go(kitchen, NULL);
  for (int i = 1; i <= ORDERS; i++) {
    buf = (struct order){i, 10 * i};
    struct order *p = &buf;
    rk_chan_send(orders, &p);
  }
  rk_chan_recv(done, NULL, NULL); /* HB: pairs with the send on done */
  rk_chan_release(orders);
  rk_chan_release(done);
  return 0;
}
