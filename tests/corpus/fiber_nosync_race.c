/* SPDX-License-Identifier: MIT */
// expect: race 30 17
/* Fibers switched with __tsan_switch_to_fiber_no_sync are logical threads
   that nothing orders: main's write and the fiber's write race although
   both run on the same OS thread, one after the other. */
#include <sanitizer/tsan_interface.h>
#include <ucontext.h>

#include "corpus.h"

static ucontext_t main_ctx, fiber_ctx;
static void *main_fiber, *fiber;
static char fiber_stack[64 * 1024];
int x;

static void fiber_body(void) {
  x = 2; /* R2 */
  __tsan_switch_to_fiber(main_fiber, __tsan_switch_to_fiber_no_sync);
  swapcontext(&fiber_ctx, &main_ctx);
}

int main(void) {
  main_fiber = __tsan_get_current_fiber();
  fiber = __tsan_create_fiber(0);
  getcontext(&fiber_ctx);
  fiber_ctx.uc_stack.ss_sp = fiber_stack;
  fiber_ctx.uc_stack.ss_size = sizeof fiber_stack;
  fiber_ctx.uc_link = NULL;
  makecontext(&fiber_ctx, fiber_body, 0);
  x = 1; /* R1 */
  __tsan_switch_to_fiber(fiber, __tsan_switch_to_fiber_no_sync);
  swapcontext(&main_ctx, &fiber_ctx);
  __tsan_destroy_fiber(fiber);
  return 0;
}
