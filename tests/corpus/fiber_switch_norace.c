/* SPDX-License-Identifier: MIT */
// expect: norace
/* The fiber API of sanitizer/tsan_interface.h, as a coroutine library
   uses it around swapcontext: each fiber is its own logical thread, and a
   switch (without the no_sync flag) orders everything before it with
   everything the next fiber does. Main and a fiber take turns updating
   the same counter, on one OS thread. */
#include <sanitizer/tsan_interface.h>
#include <ucontext.h>

#include "corpus.h"

enum { ROUNDS = 100 };
static ucontext_t main_ctx, fiber_ctx;
static void *main_fiber, *fiber;
static char fiber_stack[256 * 1024];
long counter; /* touched by main and the fiber in turn */

static void fiber_body(void) {
  for (;;) {
    counter += 2;
    __tsan_switch_to_fiber(main_fiber, 0); /* pairs with main's switch to us */
    swapcontext(&fiber_ctx, &main_ctx);
  }
}

int main(void) {
  main_fiber = __tsan_get_current_fiber();
  fiber = __tsan_create_fiber(0);
  getcontext(&fiber_ctx);
  fiber_ctx.uc_stack.ss_sp = fiber_stack;
  fiber_ctx.uc_stack.ss_size = sizeof fiber_stack;
  fiber_ctx.uc_link = NULL;
  makecontext(&fiber_ctx, fiber_body, 0);
  for (int i = 0; i < ROUNDS; i++) {
    counter += 1;
    __tsan_switch_to_fiber(fiber, 0);
    swapcontext(&main_ctx, &fiber_ctx);
  }
  long got = counter;
  __tsan_destroy_fiber(fiber);
  return got == 3 * ROUNDS ? 0 : 1;
}
