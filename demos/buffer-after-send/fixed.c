/* SPDX-License-Identifier: MIT */
/* buffer-after-send (fixed): main sends three orders to the kitchen over a
 * buffered channel BY VALUE: the channel copies the order, so main may reuse
 * its buffer at once, and each send happens before its receive completes. */
#include <racekit/racekit.h>
#include <stdio.h>

enum { ORDERS = 3 };

struct order {
  int id;
  int items;
};

static rk_chan *orders; /* carries struct order by value */
static rk_chan *done;   /* the kitchen says it has finished */
static struct order buf; /* main's order buffer, reused for every order */

static void kitchen(void *arg) {
  (void)arg;
  for (int i = 0; i < ORDERS; i++) {
    struct order o;
    rk_chan_recv(orders, &o, NULL); /* HB: pairs with the send in main() */
    printf("order %d: %d items\n", o.id, o.items);
  }
  rk_chan_send(done, NULL); /* HB: pairs with the receive on done in main() */
}

int main(void) {
  orders = rk_chan_make(sizeof(struct order), ORDERS);
  done = rk_chan_make(0, 0);
  rk_go(kitchen, NULL);
  for (int i = 1; i <= ORDERS; i++) {
    buf = (struct order){i, 10 * i};
    rk_chan_send(orders, &buf); /* copies buf. HB: pairs with the receive in kitchen() */
  }
  rk_chan_recv(done, NULL, NULL); /* HB: pairs with the send on done */
  rk_chan_release(orders);
  rk_chan_release(done);
  return 0;
}
