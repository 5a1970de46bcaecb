/* SPDX-License-Identifier: MIT */
/* expect: race 1 — a thread leaves nested instrumented functions with
   longjmp, _longjmp and siglongjmp (from sigsetjmp) many times, so their
   __tsan_func_exit never runs; then it races with main. The report shows
   the racing write called from the thread's start routine only: none of
   the functions left by the jumps (lines marked NOFRAME). clang 14's and
   gcc 12's ThreadSanitizer report the race but show the left functions'
   frames below the start routine. */
#include <pthread.h>
#include <setjmp.h>

#include "e2e.h"

enum { JUMPS = 3000 };
_Alignas(64) int value; /* a word of its own */
_Alignas(64) int calls;
static jmp_buf env;
static sigjmp_buf senv;
static invisible_barrier_t wrote;

static __attribute__((noinline)) void leave(int how) {
  calls++;
  if (how == 0)
    longjmp(env, 1);
  else if (how == 1)
    _longjmp(env, 1);
  else
    siglongjmp(senv, 1);
}

static __attribute__((noinline)) void inner(int how) {
  calls++;
  leave(how); /* NOFRAME */
}

static __attribute__((noinline)) void outer(int how) {
  calls++;
  inner(how); /* NOFRAME */
}

static __attribute__((noinline)) void jump_around(void) {
  for (volatile int i = 0; i < JUMPS; i++) {
    if (i % 3 == 2) {
      if (sigsetjmp(senv, 1) == 0)
        outer(2); /* NOFRAME */
    } else if (setjmp(env) == 0) {
      outer(i % 3); /* NOFRAME */
    }
  }
}

static __attribute__((noinline)) void write_value(void) {
  value = 1; /* RACE */
}

static void *jumper(void *arg) {
  (void)arg;
  jump_around();
  write_value(); /* RACE */
  __tsan_testonly_barrier_wait(&wrote);
  return NULL;
}

int main(void) {
  pthread_t t;
  __tsan_testonly_barrier_init(&wrote, 2);
  pthread_create(&t, 0, jumper, 0);
  __tsan_testonly_barrier_wait(&wrote);
  value = 2; /* RACE */
  pthread_join(t, 0);
  return calls == 3 * JUMPS ? 0 : 1;
}
