/* SPDX-License-Identifier: MIT */
/* setjmp and longjmp: a longjmp leaves instrumented functions whose
 * __tsan_func_exit never runs, so the thread's shadow call stack would keep
 * their frames (and grow without bound in a loop) and later reports would
 * show them. setjmp, _setjmp and __sigsetjmp note the thread's shadow
 * stack depth for their jmp_buf, then jump to libc's (an assembly stub:
 * setjmp must return twice from the program's own frame, so no C wrapper
 * frame may stand between); longjmp, _longjmp, siglongjmp and
 * __longjmp_chk restore the depth noted for their jmp_buf, then call
 * libc's. ThreadSanitizer does the same, keyed by stack pointer; here the
 * key is the jmp_buf's address (a copied jmp_buf is not followed: the depth
 * is then left as it is, as before). x86-64 only.
 */
#define _GNU_SOURCE
#include <dlfcn.h>

#include "runtime.h"

#if defined(__x86_64__)

enum { K_SETJMP, K_USETJMP, K_SIGSETJMP, K_NKINDS };
enum { NNOTES = 64 }; /* per OS thread; the oldest note is replaced */

typedef struct note {
  rkc__thr *t; /* the logical thread (a fiber may setjmp on its own stack) */
  const void *env;
  int depth; /* t->depth in the function that called setjmp */
} note;

/* Owner only: the notes of the threads running on this OS thread. */
static RKC_TLS note notes[NNOTES];
static RKC_TLS unsigned next_note;

static void *(*_Atomic real_setjmp[K_NKINDS])(void);
static const char *const setjmp_names[K_NKINDS] = {"setjmp", "_setjmp", "__sigsetjmp"};

/* Called by the stubs below with the program's arguments saved: note the
   depth, return libc's function to jump to. */
RKC_HIDDEN void *rkc__setjmp_note(const void *env, int kind);
void *rkc__setjmp_note(const void *env, int kind) {
  rkc__thr *t = rkc__cur;
  if (t) {
    note *free_slot = NULL;
    for (unsigned i = 0; i < NNOTES; i++) {
      if (notes[i].t == t && notes[i].env == env) {
        free_slot = &notes[i];
        break;
      }
    }
    if (!free_slot)
      free_slot = &notes[next_note++ % NNOTES];
    *free_slot = (note){t, env, t->depth};
  }
  void *(*f)(void) = atomic_load_explicit(&real_setjmp[kind], memory_order_relaxed);
  if (RKC_UNLIKELY(!f)) {
    f = (void *(*)(void))rkc__real(setjmp_names[kind]);
    atomic_store_explicit(&real_setjmp[kind], f, memory_order_relaxed);
  }
  return (void *)f;
}

/* Each stub: kind in %eax, then the common part saves the argument
   registers (env, savemask), keeps the stack 16-byte aligned for the call,
   and tail-jumps to libc's function with the program's return address
   still on top of the stack. */
__asm__(".text\n"
        ".p2align 4\n"
        "rkc_setjmp_common:\n"
        "  push %rdi\n"
        "  push %rsi\n"
        "  sub $8, %rsp\n"
        "  mov %eax, %esi\n"
        "  call rkc__setjmp_note\n"
        "  add $8, %rsp\n"
        "  pop %rsi\n"
        "  pop %rdi\n"
        "  jmp *%rax\n"
        ".globl setjmp\n"
        ".type setjmp, @function\n"
        "setjmp:\n"
        "  endbr64\n"
        "  mov $0, %eax\n"
        "  jmp rkc_setjmp_common\n"
        ".size setjmp, .-setjmp\n"
        ".globl _setjmp\n"
        ".type _setjmp, @function\n"
        "_setjmp:\n"
        "  endbr64\n"
        "  mov $1, %eax\n"
        "  jmp rkc_setjmp_common\n"
        ".size _setjmp, .-_setjmp\n"
        ".globl __sigsetjmp\n"
        ".type __sigsetjmp, @function\n"
        "__sigsetjmp:\n"
        "  endbr64\n"
        "  mov $2, %eax\n"
        "  jmp rkc_setjmp_common\n"
        ".size __sigsetjmp, .-__sigsetjmp\n");
_Static_assert(K_SETJMP == 0 && K_USETJMP == 1 && K_SIGSETJMP == 2, "the stubs' kinds");

/* Before a jump to env: the depth of the function that called setjmp. */
static void restore_depth(const void *env) {
  rkc__thr *t = rkc__cur;
  if (!t)
    return;
  for (unsigned i = 0; i < NNOTES; i++) {
    if (notes[i].t == t && notes[i].env == env) {
      int d = notes[i].depth;
      if (d >= 0 && d <= t->depth) { /* a jump back up the stack only */
        t->depth = d;
        if (t->valid > d)
          t->valid = d;
        rkc__thr_top_update(t);
      }
      return;
    }
  }
}

#define LONGJMP(name)                                                                              \
  RKC_EXPORT _Noreturn void name(void *env, int val) {                                             \
    RKC_REAL(void (*)(void *, int), name);                                                         \
    restore_depth(env);                                                                            \
    real_##name(env, val);                                                                         \
    __builtin_unreachable();                                                                       \
  }
LONGJMP(longjmp)
LONGJMP(_longjmp)
LONGJMP(siglongjmp)
LONGJMP(__longjmp_chk)

#endif /* __x86_64__ */
