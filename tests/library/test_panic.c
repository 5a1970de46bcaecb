/* SPDX-License-Identifier: MIT */
/* Misuse panics, with Go's words and the caller's file:line: as the user
   sees them (a forked child prints to stderr and aborts) and through a
   handler installed with rk_panic_set_handler that longjmps out. */
#include "rk_test.h"

/* ---- the default: print, then abort */

static void send_on_closed(void *arg) {
  (void)arg;
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  rk_chan_close(c);
  int v = 1;
  rk_chan_send(c, &v);
}
enum { SEND_ON_CLOSED_LINE = __LINE__ - 2 };

Test(panic, send_on_closed_channel, .timeout = 10) {
  rkt_child r;
  rkt_run_child(send_on_closed, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: send on closed channel", __FILE__,
                          SEND_ON_CLOSED_LINE);
}

static void try_send_on_closed(void *arg) {
  (void)arg;
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  rk_chan_close(c);
  int v = 1;
  rk_chan_try_send(c, &v);
}
enum { TRY_SEND_ON_CLOSED_LINE = __LINE__ - 2 };

Test(panic, try_send_on_closed_channel, .timeout = 10) {
  rkt_child r;
  rkt_run_child(try_send_on_closed, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: send on closed channel", __FILE__,
                          TRY_SEND_ON_CLOSED_LINE);
}

static void close_closed(void *arg) {
  (void)arg;
  rk_chan *c = rk_chan_make(0, 0);
  rk_chan_close(c);
  rk_chan_close(c);
}
enum { CLOSE_CLOSED_LINE = __LINE__ - 2 };

Test(panic, close_of_closed_channel, .timeout = 10) {
  rkt_child r;
  rkt_run_child(close_closed, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: close of closed channel", __FILE__,
                          CLOSE_CLOSED_LINE);
}

static void close_nil(void *arg) {
  (void)arg;
  rk_chan_close(NULL);
}
enum { CLOSE_NIL_LINE = __LINE__ - 2 };

Test(panic, close_of_nil_channel, .timeout = 10) {
  rkt_child r;
  rkt_run_child(close_nil, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: close of nil channel", __FILE__,
                          CLOSE_NIL_LINE);
}

static void negative_wg(void *arg) {
  (void)arg;
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  rk_wg_add(&wg, 1);
  rk_wg_done(&wg);
  rk_wg_done(&wg);
}
enum { NEGATIVE_WG_LINE = __LINE__ - 2 };

Test(panic, negative_waitgroup_counter, .timeout = 10) {
  rkt_child r;
  rkt_run_child(negative_wg, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: sync: negative WaitGroup counter",
                          __FILE__, NEGATIVE_WG_LINE);
}

static void negative_wg_add(void *arg) {
  (void)arg;
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  rk_wg_add(&wg, -1);
}
enum { NEGATIVE_WG_ADD_LINE = __LINE__ - 2 };

Test(panic, negative_waitgroup_add, .timeout = 10) {
  rkt_child r;
  rkt_run_child(negative_wg_add, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: sync: negative WaitGroup counter",
                          __FILE__, NEGATIVE_WG_ADD_LINE);
}

static void unlock_unlocked(void *arg) {
  (void)arg;
  rk_mutex mu = RK_MUTEX_INIT;
  rk_mutex_unlock(&mu);
}
enum { UNLOCK_UNLOCKED_LINE = __LINE__ - 2 };

Test(panic, unlock_of_unlocked_mutex, .timeout = 10) {
  rkt_child r;
  rkt_run_child(unlock_unlocked, NULL, &r);
  rkt_assert_aborted_with(&r, "fatal error: sync: unlock of unlocked mutex",
                          __FILE__, UNLOCK_UNLOCKED_LINE);
}

static void unlock_twice(void *arg) {
  (void)arg;
  rk_mutex mu = RK_MUTEX_INIT;
  rk_mutex_lock(&mu);
  rk_mutex_unlock(&mu);
  rk_mutex_unlock(&mu);
}
enum { UNLOCK_TWICE_LINE = __LINE__ - 2 };

Test(panic, unlock_of_mutex_unlocked_twice, .timeout = 10) {
  rkt_child r;
  rkt_run_child(unlock_twice, NULL, &r);
  rkt_assert_aborted_with(&r, "fatal error: sync: unlock of unlocked mutex",
                          __FILE__, UNLOCK_TWICE_LINE);
}

static void runlock_unlocked(void *arg) {
  (void)arg;
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  rk_rwmutex_runlock(&rw);
}
enum { RUNLOCK_UNLOCKED_LINE = __LINE__ - 2 };

Test(panic, runlock_of_unlocked_rwmutex, .timeout = 10) {
  rkt_child r;
  rkt_run_child(runlock_unlocked, NULL, &r);
  rkt_assert_aborted_with(&r, "fatal error: sync: RUnlock of unlocked RWMutex",
                          __FILE__, RUNLOCK_UNLOCKED_LINE);
}

static void unlock_unlocked_rw(void *arg) {
  (void)arg;
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  rk_rwmutex_unlock(&rw);
}
enum { UNLOCK_UNLOCKED_RW_LINE = __LINE__ - 2 };

Test(panic, unlock_of_unlocked_rwmutex, .timeout = 10) {
  rkt_child r;
  rkt_run_child(unlock_unlocked_rw, NULL, &r);
  rkt_assert_aborted_with(&r, "fatal error: sync: Unlock of unlocked RWMutex",
                          __FILE__, UNLOCK_UNLOCKED_RW_LINE);
}

static void user_panic(void *arg) {
  (void)arg;
  rk_panic("bad value %d", 42);
}
enum { USER_PANIC_LINE = __LINE__ - 2 };

Test(panic, rk_panic_formats_message, .timeout = 10) {
  rkt_child r;
  rkt_run_child(user_panic, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: bad value 42", __FILE__, USER_PANIC_LINE);
}

/* A blocked sender panics when the channel is closed, in its goroutine,
   naming its own send line. */
static rk_chan *blocked_chan;
static void blocked_sender(void *arg) {
  (void)arg;
  int v = 1;
  rk_chan_send(blocked_chan, &v);
}
enum { BLOCKED_SENDER_LINE = __LINE__ - 2 };

static void close_with_blocked_sender(void *arg) {
  (void)arg;
  blocked_chan = rk_chan_make(sizeof(int), 0);
  rk_go(blocked_sender, NULL);
  rk_sleep(20 * RK_MILLISECOND); /* sender parked (if not, it panics anyway) */
  rk_chan_close(blocked_chan);
  rk_sleep(5 * RK_SECOND); /* the sender's panic aborts the process */
}

Test(panic, blocked_sender_panics_on_close, .timeout = 15) {
  rkt_child r;
  rkt_run_child(close_with_blocked_sender, NULL, &r);
  rkt_assert_aborted_with(&r, "panic: send on closed channel", __FILE__,
                          BLOCKED_SENDER_LINE);
}

/* ---- a handler: sees the message without "panic: " and the location */

Test(panic, handler_sees_message_and_location, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 0);
  rk_chan_close(c);
  volatile int line = 0;
  /* __LINE__ and RK_HERE in one macro argument expand alike. */
  bool p = RKT_CATCH_PANIC({ line = __LINE__; rk_chan_close(c); });
  cr_assert(p);
  cr_assert_str_eq(rkt_last_panic()->msg, "close of closed channel");
  cr_assert_eq(rkt_last_panic()->where.line, line);
  const char *f = rkt_last_panic()->where.file;
  cr_assert_not_null(f);
  cr_assert_not_null(strstr(f, "test_panic.c"), "file is %s", f);
  const char *fn = rkt_last_panic()->where.func;
  cr_assert(fn && strstr(fn, "handler_sees_message_and_location"), "func is %s",
            fn ? fn : "(null)");
}

Test(panic, handler_for_each_panic, .timeout = 10) {
  int v = 0;
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  rk_chan_close(c);
  cr_assert(RKT_CATCH_PANIC(rk_chan_send(c, &v)));
  cr_assert_str_eq(rkt_last_panic()->msg, "send on closed channel");
  cr_assert(RKT_CATCH_PANIC(rk_chan_try_send(c, &v)));
  cr_assert_str_eq(rkt_last_panic()->msg, "send on closed channel");
  cr_assert(RKT_CATCH_PANIC(rk_chan_close(NULL)));
  cr_assert_str_eq(rkt_last_panic()->msg, "close of nil channel");
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  cr_assert(RKT_CATCH_PANIC(rk_wg_done(&wg)));
  cr_assert_str_eq(rkt_last_panic()->msg, "sync: negative WaitGroup counter");
  rk_wg_add(&wg, INT32_MAX);
  cr_assert(RKT_CATCH_PANIC(rk_wg_add(&wg, 1)));
  cr_assert_str_eq(rkt_last_panic()->msg, "sync: WaitGroup counter overflow");
  rk_wg_add(&wg, -INT32_MAX); /* the panicking add left the counter as it was */
  rk_wg_wait(&wg);
  cr_assert(RKT_CATCH_PANIC(rk_panic("custom %s", "text")));
  cr_assert_str_eq(rkt_last_panic()->msg, "custom text");
  rk_chan *open = rk_chan_make(0, 0);
  cr_assert_not(RKT_CATCH_PANIC(rk_chan_close(open)));
  rk_chan_release(open);
  rk_chan_release(c);
  cr_assert_eq(atomic_load(&rkt_last_panic()->count), 6);
}

static void returning_handler(const char *msg, rk_srcloc where, void *arg) {
  (void)msg;
  (void)where;
  (void)arg;
}

/* A handler that returns: the process aborts anyway. */
Test(panic, handler_that_returns_aborts, .signal = SIGABRT, .timeout = 10) {
  rk_panic_set_handler(returning_handler, NULL);
  rk_chan_close(NULL);
}

/* NULL restores the default: print and abort. */
Test(panic, null_handler_restores_default, .signal = SIGABRT, .timeout = 10) {
  rk_panic_set_handler(returning_handler, NULL);
  rk_panic_set_handler(NULL, NULL);
  rk_chan_close(NULL);
}

static void check_arg_handler(const char *msg, rk_srcloc where, void *arg) {
  (void)msg;
  (void)where;
  *(int *)arg = 1;
  _exit(7);
}

static void handler_arg(void *arg) {
  (void)arg;
  static int seen;
  rk_panic_set_handler(check_arg_handler, &seen);
  rk_chan_close(NULL);
}

Test(panic, handler_may_exit, .timeout = 10) {
  rkt_child r;
  rkt_run_child(handler_arg, NULL, &r);
  cr_assert(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 7, "status 0x%x",
            r.status);
  char first[256];
  cr_assert_str_eq(rkt_first_line(r.out, first, sizeof first),
                   "panic: close of nil channel", "printed before the handler");
}
