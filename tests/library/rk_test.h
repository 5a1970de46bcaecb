/* SPDX-License-Identifier: MIT */
/* Helpers shared by the library's Criterion tests: lockstep handshakes,
   catching a panic through rk_panic_set_handler, and running a scenario in
   a forked child to see exactly what a user sees (stderr, exit status). */
#ifndef RACEKIT_TESTS_LIBRARY_RK_TEST_H
#define RACEKIT_TESTS_LIBRARY_RK_TEST_H

#include <racekit/racekit.h>

#include <criterion/criterion.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- lockstep handshake (a test-only flag; real synchronization for the
   test's own logic, seq_cst) */
static inline void rkt_signal(atomic_int *f) { atomic_store(f, 1); }
static inline void rkt_wait(atomic_int *f) {
  while (!atomic_load(f))
    sched_yield();
}

/* ---- catching a panic: the handler longjmps back to the goroutine that
   armed it (each goroutine arms its own jmp_buf, found by its goid:
   goroutines move between threads, so a thread-local would not do). */
typedef struct rkt_panic {
  char msg[256];
  rk_srcloc where;
  atomic_int count;
} rkt_panic;

#define RKT__JMP_SLOTS 64
static struct {
  atomic_long goid; /* 0 free; claimed by CAS */
  jmp_buf *jmp;     /* written and read by the goroutine that claimed it */
  char *msg;        /* the goroutine's own copy of its message, or NULL */
} rkt__jmps[RKT__JMP_SLOTS];
static rkt_panic rkt__last;
/* Goroutines that panic at once all write rkt__last.msg: the lock keeps
   their writes apart. A reader on another goroutine must be ordered after
   the panic (a receive, a wait); a goroutine reading its own message while
   others may still panic uses RKT_CATCH_PANIC_MSG. */
static rk_mutex rkt__last_mu = RK_MUTEX_INIT;

/* The calling goroutine's slot index (claimed if claim), or -1. */
static inline int rkt__jmp_slot(bool claim) {
  long id = rk_goid();
  for (int i = 0; i < RKT__JMP_SLOTS; i++) {
    int k = (int)((id + i) % RKT__JMP_SLOTS);
    long cur = atomic_load(&rkt__jmps[k].goid);
    if (cur == id)
      return k;
    if (claim && cur == 0 && atomic_compare_exchange_strong(&rkt__jmps[k].goid, &cur, id))
      return k;
  }
  return -1;
}
static inline void rkt__jmp_arm(jmp_buf *b, char *msg) {
  int k = rkt__jmp_slot(true);
  if (k < 0)
    abort(); /* more than RKT__JMP_SLOTS goroutines armed at once */
  rkt__jmps[k].jmp = b;
  rkt__jmps[k].msg = msg;
}
static inline void rkt__jmp_disarm(void) {
  int k = rkt__jmp_slot(false);
  if (k >= 0) {
    rkt__jmps[k].jmp = NULL;
    rkt__jmps[k].msg = NULL;
    atomic_store(&rkt__jmps[k].goid, 0);
  }
}

static inline void rkt__handler(const char *msg, rk_srcloc where, void *arg) {
  (void)arg;
  rk_mutex_lock(&rkt__last_mu);
  snprintf(rkt__last.msg, sizeof rkt__last.msg, "%s", msg);
  rkt__last.where = where;
  rk_mutex_unlock(&rkt__last_mu);
  atomic_fetch_add(&rkt__last.count, 1);
  int k = rkt__jmp_slot(false);
  if (k >= 0 && rkt__jmps[k].msg)
    snprintf(rkt__jmps[k].msg, sizeof rkt__last.msg, "%s", msg);
  if (k >= 0 && rkt__jmps[k].jmp)
    longjmp(*rkt__jmps[k].jmp, 1);
  _exit(99); /* a panic where none was armed */
}

/* RKT_CATCH_PANIC(stmt): runs stmt; evaluates to true if it panicked. The
   message and location are then in rkt_last_panic(). Stderr still gets the
   printed panic (the library prints before calling the handler). */
#define RKT_CATCH_PANIC(stmt) RKT_CATCH_PANIC_MSG(NULL, stmt)
/* RKT_CATCH_PANIC_MSG(buf, stmt): the same, and the message of this
   goroutine's own panic is copied to buf (char[256]), whatever other
   goroutines panic meanwhile. */
#define RKT_CATCH_PANIC_MSG(buf, stmt)                                         \
  ({                                                                           \
    jmp_buf rkt__buf;                                                          \
    bool rkt__panicked = false;                                                \
    rk_panic_set_handler(rkt__handler, NULL);                                  \
    rkt__jmp_arm(&rkt__buf, (buf));                                            \
    if (setjmp(rkt__buf) == 0) {                                               \
      stmt;                                                                    \
    } else {                                                                   \
      rkt__panicked = true;                                                    \
    }                                                                          \
    rkt__jmp_disarm();                                                         \
    rkt__panicked;                                                             \
  })

static inline const rkt_panic *rkt_last_panic(void) { return &rkt__last; }

/* ---- run fn(arg) in a forked child with stderr (and stdout) captured, as
   a user would run a program. Only call before this process has started
   any goroutine: fork copies one thread. */
typedef struct rkt_child {
  int status;      /* waitpid status */
  char out[16384]; /* stderr and stdout, NUL-terminated */
} rkt_child;

static inline void rkt_run_child(void (*fn)(void *), void *arg, rkt_child *res) {
  FILE *tmp = tmpfile();
  cr_assert_not_null(tmp);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    dup2(fileno(tmp), 1);
    dup2(fileno(tmp), 2);
    fn(arg);
    fflush(stdout);
    fflush(stderr);
    _exit(0);
  }
  cr_assert_eq(waitpid(pid, &res->status, 0), pid);
  rewind(tmp);
  size_t n = fread(res->out, 1, sizeof res->out - 1, tmp);
  res->out[n] = '\0';
  fclose(tmp);
}

/* The first line of s, copied into buf. */
static inline const char *rkt_first_line(const char *s, char *buf, size_t size) {
  size_t n = strcspn(s, "\n");
  if (n >= size)
    n = size - 1;
  memcpy(buf, s, n);
  buf[n] = '\0';
  return buf;
}

/* Assert that a child died of SIGABRT after printing first_line, and that
   "<file basename>:<line>" appears in its output. */
#define rkt_assert_aborted_with(res, first_line, file, line)                   \
  do {                                                                         \
    char rkt__fl[512], rkt__loc[256];                                          \
    cr_assert(WIFSIGNALED((res)->status) && WTERMSIG((res)->status) == SIGABRT, \
              "expected SIGABRT, status 0x%x; output:\n%s", (res)->status,     \
              (res)->out);                                                     \
    cr_assert_str_eq(rkt_first_line((res)->out, rkt__fl, sizeof rkt__fl),      \
                     (first_line), "output:\n%s", (res)->out);                 \
    const char *rkt__base = strrchr((file), '/');                              \
    snprintf(rkt__loc, sizeof rkt__loc, "%s:%d",                               \
             rkt__base ? rkt__base + 1 : (file), (line));                      \
    cr_assert(strstr((res)->out, rkt__loc) != NULL,                            \
              "expected the caller's location %s in:\n%s", rkt__loc,           \
              (res)->out);                                                     \
  } while (0)

#endif
