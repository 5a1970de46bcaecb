/* SPDX-License-Identifier: MIT */
/* publish-flag (racy): a producer fills in a message and then raises a flag;
 * main spins on the flag and then reads the message. The flag is atomic, so
 * the flag itself does not race, but its accesses are relaxed: a relaxed
 * store and load order nothing else, so the message races. */
#include <racekit/racekit.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

struct message {
  int id;
  const char *text;
};

static struct message msg; /* written by the producer, then published through ready */
static atomic_bool ready;  /* atomic, but relaxed: it publishes nothing (the bug) */

static void producer(void *arg) {
  (void)arg;
  msg = (struct message){7, "hello, world"};
  atomic_store_explicit(&ready, true, memory_order_relaxed);
}

int main(void) {
  rk_go(producer, NULL);
  while (!atomic_load_explicit(&ready, memory_order_relaxed)) sched_yield();
  struct message m = msg;
  printf("message %d: %s\n", m.id, m.text ? m.text : "(null)");
  return 0;
}
