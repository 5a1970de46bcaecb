/* SPDX-License-Identifier: MIT */
/* The program of test_symbolize_e2e.c's mixed .debug_aranges case: this
 * unit has no .debug_aranges, the units linked around it have (see
 * test_symbolize_e2e_aranges.c). One race on a global, in a fixed order:
 * the thread's write, then main's read while the thread still runs.
 * test_symbolize_e2e.c finds the lines marked E2E:name. */
#include <pthread.h>

#include "e2e/e2e.h"

int sym_aranges_before(int x);
int sym_aranges_after(int x);
int sym_shared;
static invisible_barrier_t barrier;

__attribute__((noinline)) static void store(int v) {
  sym_shared = v; /* E2E:thread_write */
}

static void *writer(void *arg) {
  (void)arg;
  store(sym_aranges_before(20)); /* E2E:call_store */
  __tsan_testonly_barrier_wait(&barrier); /* written */
  __tsan_testonly_barrier_wait(&barrier); /* main has read */
  return NULL;
}

int main(void) {
  __tsan_testonly_barrier_init(&barrier, 2);
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL); /* E2E:create */
  __tsan_testonly_barrier_wait(&barrier);
  int v = sym_shared; /* E2E:main_read */
  __tsan_testonly_barrier_wait(&barrier);
  pthread_join(t, NULL);
  return v == sym_aranges_after(20) ? 0 : 1;
}
