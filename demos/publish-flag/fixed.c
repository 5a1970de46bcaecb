/* SPDX-License-Identifier: MIT */
/* publish-flag (fixed): a producer fills in a message and then raises a
 * flag with a release store; main spins on the flag with acquire loads and
 * then reads the message. The release store happens before the acquire load
 * that reads it, so the message is published with the flag. */
#include <racekit/racekit.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

struct message {
  int id;
  const char *text;
};

static struct message msg; /* written by the producer before the release store of ready */
static atomic_bool ready;  /* atomic: release store / acquire load publish msg */

static void producer(void *arg) {
  (void)arg;
  msg = (struct message){7, "hello, world"};
  atomic_store_explicit(&ready, true, memory_order_release); /* HB: pairs with the acquire load in main() */
}

int main(void) {
  rk_go(producer, NULL);
  while (!atomic_load_explicit(&ready, memory_order_acquire)) sched_yield(); /* HB: pairs with producer()'s release */
  struct message m = msg;
  printf("message %d: %s\n", m.id, m.text ? m.text : "(null)");
  return 0;
}
