/* SPDX-License-Identifier: MIT */
/* The program test_report_e2e.c runs under the checker: one data race on
 * a global, in a fixed order (the thread's write, then main's), or none
 * with the argument "norace". Built with -fsanitize=thread and linked with
 * racekit's runtime. test_report_e2e.c finds the lines
 * marked E2E:name. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

int rk_e2e_counter;
static atomic_int published;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int locked;

__attribute__((noinline)) static void bump(void) {
  rk_e2e_counter++; /* E2E:thread_write */
}

static void *worker(void *arg) {
  if (arg) {
    pthread_mutex_lock(&mu);
    rk_e2e_counter++;
    pthread_mutex_unlock(&mu);
  } else {
    bump();
  }
  /* relaxed: announces nothing to the checker, only orders the test */
  atomic_store_explicit(&published, 1, memory_order_relaxed);
  return NULL;
}

int main(int argc, char **argv) {
  int norace = argc > 1 && strcmp(argv[1], "norace") == 0;
  printf("main started\n");
  fflush(stdout);
  pthread_t t;
  pthread_create(&t, NULL, worker, norace ? &locked : NULL); /* E2E:create */
  while (!atomic_load_explicit(&published, memory_order_relaxed))
    ;
  if (norace) {
    pthread_mutex_lock(&mu);
    rk_e2e_counter++;
    pthread_mutex_unlock(&mu);
  } else {
    rk_e2e_counter = 2; /* E2E:main_write */
  }
  pthread_join(t, NULL);
  return 0;
}
