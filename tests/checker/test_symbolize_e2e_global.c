/* SPDX-License-Identifier: MIT */
/* The program of test_symbolize_e2e.c's global size case: `answer` only
 * ever holds 0 or 42, so clang's GlobalOpt (at -O1) shrinks it to a bool,
 * an ELF symbol of size 1; the report must still say the int's size, 4.
 * One race, in a fixed order: the thread's write, then main's read while
 * the thread still runs. */
#include <pthread.h>
#include <stdio.h>

#include "e2e/e2e.h"

static int answer;
static invisible_barrier_t barrier;

static void *worker(void *arg) {
  (void)arg;
  answer = 42; /* E2E:thread_write */
  __tsan_testonly_barrier_wait(&barrier); /* written */
  __tsan_testonly_barrier_wait(&barrier); /* main has read */
  return NULL;
}

int main(void) {
  __tsan_testonly_barrier_init(&barrier, 2);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL); /* E2E:create */
  __tsan_testonly_barrier_wait(&barrier);
  printf("answer = %d\n", answer); /* E2E:main_read */
  __tsan_testonly_barrier_wait(&barrier);
  pthread_join(t, NULL);
  return 0;
}
