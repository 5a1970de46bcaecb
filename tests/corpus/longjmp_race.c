/* SPDX-License-Identifier: MIT */
// expect: race 36 45
/* A thread leaves nested instrumented functions with longjmp thousands of
   times (their function exits never run), then races with main. The
   checker must survive the unbalanced entries and still report the race
   at the right lines. */
#include <setjmp.h>

#include "corpus.h"

enum { JUMPS = 20000 };
_Alignas(64) int x; /* a 64-byte line of its own: the race is x's alone */
_Alignas(64) int depth_sum;
static jmp_buf env;
static corpus_barrier bar;

static __attribute__((noinline)) void bottom(void) {
  depth_sum++;
  longjmp(env, 1);
}

static __attribute__((noinline)) void middle(void) {
  depth_sum++;
  bottom();
}

static __attribute__((noinline)) void top(void) {
  depth_sum++;
  middle();
}

static void *jumper(void *arg) {
  (void)arg;
  for (volatile int i = 0; i < JUMPS; i++)
    if (setjmp(env) == 0) top();
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(jumper, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  join(t);
  return 0;
}
