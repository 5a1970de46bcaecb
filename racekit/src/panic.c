/* SPDX-License-Identifier: MIT */
/* Panics and fatal errors, with Go's words: print the message, the
 * goroutine, the caller's location and a backtrace to stderr, then call the
 * installed handler (which may longjmp out) or abort. */
#define _GNU_SOURCE
#include "internal.h"

#include <execinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* atomic: installed by tests, read at each panic */
static _Atomic(rk_panic_handler) handler;
static _Atomic(void *) handler_arg;

void rk_panic_set_handler(rk_panic_handler h, void *arg) {
  atomic_store(&handler_arg, arg);
  atomic_store(&handler, h);
}

static void print(const char *prefix, const char *msg, rk_srcloc where) {
  long id = rk_goid();
  fflush(stdout);
  fprintf(stderr, "%s%s\n\ngoroutine %ld [running]:\n%s(...)\n\t%s:%d\n", prefix, msg, id,
          where.func ? where.func : "?", where.file ? where.file : "?", where.line);
  void *frames[64];
  int n = backtrace(frames, 64);
  fflush(stderr);
  if (n > 2)
    backtrace_symbols_fd(frames + 2, n - 2, STDERR_FILENO);
}

_Noreturn static void deliver(const char *msg, rk_srcloc where) {
  rk_panic_handler h = atomic_load(&handler);
  if (h)
    h(msg, where, atomic_load(&handler_arg));
  abort();
}

_Noreturn void rk_panic_at(rk_srcloc where, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  print("panic: ", msg, where);
  deliver(msg, where);
}

_Noreturn void rk__fatal_at(rk_srcloc where, const char *msg) {
  print("fatal error: ", msg, where);
  deliver(msg, where);
}
