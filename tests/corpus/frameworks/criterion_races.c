/* SPDX-License-Identifier: MIT */
/* A Criterion test binary built with racekit's checker. Criterion runs
 * each test in a forked child process, so the checker must carry on in the
 * child; each test's race must be reported with both of its lines.
 * ThreadSanitizer cannot run this binary at all (Snaipe/Criterion#274).
 * Verdicts per test, checked by check_criterion.sh:
 */
// expect: races/unlocked_counter race 23 32
// expect: races/heap_handoff race 39 50
// expect: races/locked_counter norace
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>

#include "../corpus.h"

int counter;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static corpus_barrier bar;

static void *unlocked_bump(void *arg) {
  (void)arg;
  counter = counter + 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

Test(races, unlocked_counter, .timeout = 20) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(unlocked_bump, NULL);
  invisible_barrier_wait(&bar);
  counter = 10; /* R2 */
  join(t);
  cr_assert_eq(counter, 10);
}

static void *heap_writer(void *arg) {
  int *cell = arg;
  *cell = 7; /* R3 */
  invisible_barrier_wait(&bar);
  return NULL;
}

Test(races, heap_handoff, .timeout = 20) {
  invisible_barrier_init(&bar, 2);
  int *cell = malloc(sizeof *cell);
  cr_assert_not_null(cell);
  pthread_t t = spawn(heap_writer, cell);
  invisible_barrier_wait(&bar);
  int seen = *cell; /* R4 */
  join(t);
  free(cell);
  cr_assert_eq(seen, 7);
}

static void *locked_bump(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

Test(races, locked_counter, .timeout = 20) {
  pthread_t t[3] = {spawn(locked_bump, NULL), spawn(locked_bump, NULL), spawn(locked_bump, NULL)};
  for (int i = 0; i < 3; i++) join(t[i]);
  cr_assert_eq(counter, 300);
}
