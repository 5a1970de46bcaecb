/* SPDX-License-Identifier: MIT */
// expect: norace
/* A sem_trywait that succeeds acquires like sem_wait; so does a
   sem_timedwait that gets a token before its deadline. */
#include <sched.h>
#include <semaphore.h>
#include <time.h>

#include "corpus.h"

enum { ITEMS = 200 };
static sem_t items;
int buf[ITEMS];

static void *producer(void *arg) {
  (void)arg;
  for (int i = 0; i < ITEMS; i++) {
    buf[i] = i * 5;
    sem_post(&items);
  }
  return NULL;
}

int main(void) {
  sem_init(&items, 0, 0);
  pthread_t t = spawn(producer, NULL);
  long sum = 0;
  for (int i = 0; i < ITEMS; i++) {
    if (i % 2) {
      while (sem_trywait(&items) != 0) sched_yield();
    } else {
      struct timespec d;
      clock_gettime(CLOCK_REALTIME, &d);
      d.tv_sec += 10;
      while (sem_timedwait(&items, &d) != 0) {
      }
    }
    sum += buf[i];
  }
  join(t);
  sem_destroy(&items);
  return sum == 5L * ITEMS * (ITEMS - 1) / 2 ? 0 : 1;
}
