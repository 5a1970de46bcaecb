/* SPDX-License-Identifier: MIT */
/* expect: clean — 1,000 threads alive at once (held by an invisible
   barrier), each writing its own slot; then 5,000 short-lived threads in
   waves, each joined, some detached: slots are reused safely. */
#include <pthread.h>
#include <stdatomic.h>

#include "e2e.h"

enum { ALIVE = 1000, WAVES = 50, PER_WAVE = 100 };
static int slot[ALIVE];
static invisible_barrier_t all_alive;
static long total;
static atomic_int detached_done;

static void *hold(void *arg) {
  long i = (long)arg;
  slot[i] = (int)i;
  __tsan_testonly_barrier_wait(&all_alive);
  return 0;
}

static void *short_lived(void *arg) {
  long *cell = arg;
  *cell += 1;
  return 0;
}

static void *detached(void *arg) {
  (void)arg;
  atomic_fetch_add(&detached_done, 1);
  return 0;
}

int main(void) {
  static pthread_t t[ALIVE];
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 << 10);
  __tsan_testonly_barrier_init(&all_alive, ALIVE);
  for (long i = 0; i < ALIVE; i++)
    if (pthread_create(&t[i], &attr, hold, (void *)i) != 0)
      return 2;
  long sum = 0;
  for (int i = 0; i < ALIVE; i++) {
    pthread_join(t[i], 0);
    sum += slot[i];
  }
  static long cells[PER_WAVE];
  for (int w = 0; w < WAVES; w++) {
    for (int i = 0; i < PER_WAVE; i++)
      pthread_create(&t[i], &attr, short_lived, &cells[i]);
    for (int i = 0; i < PER_WAVE; i++)
      pthread_join(t[i], 0);
    pthread_t d;
    pthread_create(&d, &attr, detached, 0);
    pthread_detach(d);
  }
  for (int i = 0; i < PER_WAVE; i++)
    total += cells[i];
  while (atomic_load(&detached_done) != WAVES)
    ;
  return sum == (long)ALIVE * (ALIVE - 1) / 2 && total == WAVES * PER_WAVE ? 0 : 1;
}
