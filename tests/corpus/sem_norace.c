/* SPDX-License-Identifier: MIT */
// expect: norace
/* A producer fills slots and posts a semaphore per item; sem_post happens
   before the sem_wait it satisfies returns. */
#include <semaphore.h>

#include "corpus.h"

enum { ITEMS = 200 };
static sem_t items;
int buf[ITEMS];

static void *producer(void *arg) {
  (void)arg;
  for (int i = 0; i < ITEMS; i++) {
    buf[i] = i * 3;
    sem_post(&items);
  }
  return NULL;
}

int main(void) {
  sem_init(&items, 0, 0);
  pthread_t t = spawn(producer, NULL);
  long sum = 0;
  for (int i = 0; i < ITEMS; i++) {
    while (sem_wait(&items) != 0) {
    }
    sum += buf[i];
  }
  join(t);
  sem_destroy(&items);
  return sum == 3L * ITEMS * (ITEMS - 1) / 2 ? 0 : 1;
}
