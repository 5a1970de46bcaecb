/* SPDX-License-Identifier: MIT */
/* Goroutine stacks and the user-level context switch of the M:N scheduler
 * (mn.c): mmap'd stacks with a guard page, and a small hand-written switch
 * for x86-64.
 *
 * DESIGN: rk__ctx_switch saves the callee-saved registers, the x87 control
 * word and MXCSR on the current stack, stores the stack pointer in *save,
 * then (only then) stores 1 in *saved, and loads the other context. After
 * *saved is 1 the old stack is never touched again by this CPU, so another
 * OS thread may resume the saved context: *saved is the hand-over point
 * (x86-64 stores are ordered, so the saved registers are visible first).
 * Other architectures have no switch here and keep the thread pool
 * (rk__ctx_supported() is false); a ucontext fallback was not written. */
#define _GNU_SOURCE
#include "internal.h"

#include <sys/mman.h>
#include <unistd.h>

#if defined(__x86_64__)

/* void rk__ctx_switch(void **save, void *load, _Atomic uint32_t *saved) */
__asm__(".pushsection .text\n"
        ".globl rk__ctx_switch\n"
        ".hidden rk__ctx_switch\n"
        ".type rk__ctx_switch,@function\n"
        ".p2align 4\n"
        "rk__ctx_switch:\n"
        "  pushq %rbp\n"
        "  pushq %rbx\n"
        "  pushq %r12\n"
        "  pushq %r13\n"
        "  pushq %r14\n"
        "  pushq %r15\n"
        "  subq $16, %rsp\n"
        "  stmxcsr 8(%rsp)\n"
        "  fnstcw (%rsp)\n"
        "  movq %rsp, (%rdi)\n"
        "  testq %rdx, %rdx\n"
        "  jz 1f\n"
        "  movl $1, (%rdx)\n"
        "1:\n"
        "  movq %rsi, %rsp\n"
        "  fldcw (%rsp)\n"
        "  ldmxcsr 8(%rsp)\n"
        "  addq $16, %rsp\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        "  ret\n"
        ".size rk__ctx_switch, .-rk__ctx_switch\n"
        /* First frame of a new context: fn(arg) from r13/r12. The return
           address is undefined for unwinders (backtrace stops here). */
        ".globl rk__ctx_entry\n"
        ".hidden rk__ctx_entry\n"
        ".type rk__ctx_entry,@function\n"
        ".p2align 4\n"
        "rk__ctx_entry:\n"
        "  .cfi_startproc\n"
        "  .cfi_undefined rip\n"
        "  movq %r12, %rdi\n"
        "  callq *%r13\n"
        "  ud2\n"
        "  .cfi_endproc\n"
        ".size rk__ctx_entry, .-rk__ctx_entry\n"
        ".popsection\n");

extern char rk__ctx_entry[];

bool rk__ctx_supported(void) { return true; }

void *rk__ctx_make(void *top, void (*fn)(void *), void *arg) {
  uint64_t *sp = (uint64_t *)((uintptr_t)top & ~(uintptr_t)15);
  uint32_t mxcsr;
  uint16_t fpcw;
  __asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
  __asm__ __volatile__("fnstcw %0" : "=m"(fpcw));
  *--sp = 0;
  *--sp = 0;
  *--sp = (uint64_t)(uintptr_t)rk__ctx_entry; /* ret: rsp is 16-aligned after it */
  *--sp = 0;                                  /* rbp */
  *--sp = 0;                                  /* rbx */
  *--sp = (uint64_t)(uintptr_t)arg;           /* r12 */
  *--sp = (uint64_t)(uintptr_t)fn;            /* r13 */
  *--sp = 0;                                  /* r14 */
  *--sp = 0;                                  /* r15 */
  *--sp = mxcsr;                              /* 8(%rsp) */
  *--sp = fpcw;                               /* (%rsp) */
  return sp;
}

#else

bool rk__ctx_supported(void) { return false; }

void rk__ctx_switch(void **save, void *load, _Atomic uint32_t *saved) {
  (void)save, (void)load, (void)saved;
  rk_assert(!"no context switch on this architecture");
}

void *rk__ctx_make(void *top, void (*fn)(void *), void *arg) {
  (void)top, (void)fn, (void)arg;
  rk_assert(!"no context switch on this architecture");
}

#endif

/* A stack of RK__STACK_SIZE usable bytes above one inaccessible guard
   page. Returns the lowest usable address, or NULL. The mapping is
   MAP_NORESERVE: only touched pages cost memory. When the kernel's limit
   on mappings is reached (vm.max_map_count: a guard page splits a stack
   into two mappings) the stack is kept without its guard page rather than
   failing the spawn. */
void *rk__stack_alloc(void) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  char *p = mmap(NULL, RK__STACK_SIZE + page, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  (void)mprotect(p, page, PROT_NONE);
  return p + page;
}
