/* SPDX-License-Identifier: MIT */
/* Timers: rk_now, rk_sleep, rk_after, tickers and rk_ticker_stop. */
#include "rk_test.h"

Test(timer, now_is_monotonic, .timeout = 10) {
  int64_t prev = rk_now();
  for (int i = 0; i < 1000; i++) {
    int64_t t = rk_now();
    cr_assert_geq(t, prev);
    prev = t;
  }
}

Test(timer, sleep_sleeps_at_least, .timeout = 10) {
  int64_t t0 = rk_now();
  rk_sleep(5 * RK_MILLISECOND);
  cr_assert_geq(rk_now() - t0, 5 * RK_MILLISECOND);
}

Test(timer, after_delivers_once, .timeout = 10) {
  int64_t t0 = rk_now();
  rk_chan *t = rk_after(10 * RK_MILLISECOND);
  cr_assert_not_null(t);
  cr_assert_eq(rk_chan_cap(t), 1);
  int64_t when = 0;
  bool ok = false;
  cr_assert_eq(rk_chan_recv(t, &when, &ok), 0);
  int64_t t1 = rk_now();
  cr_assert(ok);
  cr_assert_geq(when, t0 + 10 * RK_MILLISECOND, "fired %lld ns early",
                (long long)(t0 + 10 * RK_MILLISECOND - when));
  cr_assert_leq(when, t1, "the value is rk_now() at delivery");
  cr_assert_geq(t1 - t0, 10 * RK_MILLISECOND);
  /* Only once: nothing more arrives. */
  rk_sleep(20 * RK_MILLISECOND);
  cr_assert_eq(rk_chan_try_recv(t, &when, &ok), RK_EAGAIN);
  cr_assert_eq(rk_chan_len(t), 0);
  rk_chan_release(t);
}

Test(timer, after_zero_fires_promptly, .timeout = 10) {
  rk_chan *t = rk_after(0);
  cr_assert_not_null(t);
  int64_t when = 0;
  cr_assert_eq(rk_chan_recv(t, &when, NULL), 0);
  cr_assert_gt(when, 0);
  rk_chan_release(t);
}

Test(timer, after_in_select_as_timeout, .timeout = 10) {
  rk_chan *never = rk_chan_make(sizeof(int), 0);
  rk_chan *t = rk_after(5 * RK_MILLISECOND);
  int v;
  int64_t when;
  rk_select_case cases[] = {RK_RECV(never, &v, NULL), RK_RECV(t, &when, NULL)};
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1);
  rk_chan_release(t);
  rk_chan_release(never);
}

Test(timer, many_timers_fire_in_order_of_deadline, .timeout = 10) {
  enum { N = 20 };
  rk_chan *ts[N];
  int64_t t[N + 1], d[N], when[N];
  for (int i = 0; i < N; i++) { /* created in (roughly) reverse deadline order */
    d[i] = (int64_t)(N - i) * RK_MILLISECOND;
    t[i] = rk_now();
    ts[i] = rk_after(d[i]);
  }
  t[N] = rk_now();
  for (int i = 0; i < N; i++)
    cr_assert_eq(rk_chan_recv(ts[i], &when[i], NULL), 0);
  /* Timer i is due in [t[i] + d[i], t[i+1] + d[i]]. When i is surely due
     before j, it fires no later (the values are rk_now() at delivery). */
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      if (t[i + 1] + d[i] < t[j] + d[j])
        cr_assert_leq(when[i], when[j], "timer %d (due first) fired after timer %d", i, j);
  for (int i = 0; i < N; i++)
    rk_chan_release(ts[i]);
}

Test(timer, ticker_ticks, .timeout = 10) {
  int64_t start = rk_now(), prev = 0;
  rk_ticker *tk = rk_ticker_make(2 * RK_MILLISECOND);
  cr_assert_not_null(tk);
  rk_chan *c = rk_ticker_chan(tk);
  cr_assert_not_null(c);
  cr_assert_eq(rk_chan_cap(c), 1);
  for (int i = 0; i < 5; i++) {
    int64_t when = 0;
    bool ok = false;
    cr_assert_eq(rk_chan_recv(c, &when, &ok), 0);
    cr_assert(ok);
    cr_assert_gt(when, prev);
    cr_assert_geq(when, start + 2 * RK_MILLISECOND);
    prev = when;
  }
  cr_assert_geq(rk_now() - start, 5 * 2 * RK_MILLISECOND);
  rk_ticker_release(tk);
}

/* Slow receivers miss ticks: the channel holds at most one. */
Test(timer, ticker_drops_ticks_for_slow_receiver, .timeout = 10) {
  rk_ticker *tk = rk_ticker_make(RK_MILLISECOND);
  rk_sleep(20 * RK_MILLISECOND);
  cr_assert_leq(rk_chan_len(rk_ticker_chan(tk)), 1);
  rk_ticker_release(tk);
}

/* After rk_ticker_stop returns, no tick is delivered, and one already
   buffered is discarded. Repeated with stops at different phases to catch
   a tick that is in flight while stop runs. */
Test(timer, no_stale_tick_after_stop, .timeout = 20) {
  for (int round = 0; round < 40; round++) {
    rk_ticker *tk = rk_ticker_make(RK_MILLISECOND);
    rk_chan *c = rk_ticker_chan(tk);
    int64_t v;
    if (round % 2 == 0)
      rk_chan_recv(c, &v, NULL); /* running */
    rk_sleep((round % 5) * 300 * RK_MICROSECOND); /* stop at various phases */
    rk_ticker_stop(tk);
    cr_assert_eq(rk_chan_try_recv(c, &v, NULL), RK_EAGAIN,
                 "round %d: tick delivered after stop returned", round);
    rk_sleep(3 * RK_MILLISECOND);
    cr_assert_eq(rk_chan_try_recv(c, &v, NULL), RK_EAGAIN,
                 "round %d: tick delivered after stop returned", round);
    rk_ticker_stop(tk); /* idempotent */
    rk_ticker_release(tk);
  }
}

Test(timer, ticker_stop_discards_buffered_tick, .timeout = 10) {
  rk_ticker *tk = rk_ticker_make(RK_MILLISECOND);
  rk_chan *c = rk_ticker_chan(tk);
  while (rk_chan_len(c) == 0)
    rk_sleep(RK_MILLISECOND / 2);
  rk_ticker_stop(tk);
  cr_assert_eq(rk_chan_len(c), 0);
  int64_t v;
  cr_assert_eq(rk_chan_try_recv(c, &v, NULL), RK_EAGAIN);
  rk_ticker_release(tk);
}

Test(timer, ticker_bad_period, .timeout = 10) {
  cr_assert_null(rk_ticker_make(0));
  cr_assert_null(rk_ticker_make(-5));
  rk_ticker_release(NULL); /* no-op */
}

/* The caller may release a timer channel before it fires (ASan checks the
   timer does not touch freed memory), and a released ticker stops. */
Test(timer, release_before_fire, .timeout = 10) {
  for (int i = 0; i < 100; i++)
    rk_chan_release(rk_after((i % 3) * RK_MILLISECOND));
  for (int i = 0; i < 20; i++)
    rk_ticker_release(rk_ticker_make(RK_MILLISECOND / 2));
  rk_sleep(10 * RK_MILLISECOND);
  rk_chan *t = rk_after(RK_MILLISECOND);
  int64_t v;
  cr_assert_eq(rk_chan_recv(t, &v, NULL), 0, "timers still work");
  rk_chan_release(t);
}

/* A timer channel shared by reference: retained by a second owner, it
   still delivers after the first releases it. */
Test(timer, retained_timer_channel_delivers, .timeout = 10) {
  rk_chan *t = rk_after(2 * RK_MILLISECOND);
  rk_chan_retain(t);
  rk_chan_release(t);
  int64_t v = 0;
  bool ok = false;
  cr_assert_eq(rk_chan_recv(t, &v, &ok), 0);
  cr_assert(ok);
  rk_chan_release(t);
}

Test(timer, after_negative_fires_promptly, .timeout = 10) {
  rk_chan *t = rk_after(-5 * RK_SECOND);
  cr_assert_not_null(t);
  int64_t when = 0;
  bool ok = false;
  cr_assert_eq(rk_chan_recv(t, &when, &ok), 0);
  cr_assert(ok);
  rk_chan_release(t);
}
