/* SPDX-License-Identifier: MIT */
/* rk_select: ready cases, default, NULL cases, blocking until a partner
   comes, closed channels, fairness, invalid arguments. */
#include "rk_test.h"

Test(select, ready_receive_is_performed, .timeout = 10) {
  rk_chan *a = rk_chan_make(sizeof(int), 1), *b = rk_chan_make(sizeof(int), 1);
  int v = 5;
  rk_chan_send(b, &v);
  int ra = -1, rb = -1;
  bool oka = false, okb = false;
  rk_select_case cases[] = {RK_RECV(a, &ra, &oka), RK_RECV(b, &rb, &okb)};
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1);
  cr_assert(okb);
  cr_assert_eq(rb, 5);
  cr_assert_eq(ra, -1, "the other case is untouched");
  cr_assert_eq(rk_chan_len(b), 0);
  rk_chan_release(a);
  rk_chan_release(b);
}

Test(select, ready_send_is_performed, .timeout = 10) {
  rk_chan *full = rk_chan_make(sizeof(int), 1), *room = rk_chan_make(sizeof(int), 1);
  int v = 1;
  rk_chan_send(full, &v);
  int x = 9, y = 10;
  rk_select_case cases[] = {RK_SEND(full, &x), RK_SEND(room, &y)};
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1);
  int got = 0;
  rk_chan_recv(room, &got, NULL);
  cr_assert_eq(got, 10);
  cr_assert_eq(rk_chan_len(full), 1);
  rk_chan_release(full);
  rk_chan_release(room);
}

Test(select, default_returns_none_when_nothing_ready, .timeout = 10) {
  rk_chan *a = rk_chan_make(sizeof(int), 0), *b = rk_chan_make(sizeof(int), 1);
  int v = 1, w = 0;
  rk_chan_send(b, &v); /* b is full: a send case on it is not ready */
  rk_select_case cases[] = {RK_RECV(a, &w, NULL), RK_SEND(b, &v), RK_SEND(a, &v)};
  cr_assert_eq(rk_select(cases, 3, RK_SELECT_DEFAULT), RK_SELECT_NONE);
  cr_assert_eq(RK_SELECT_NONE, -1);
  cr_assert_eq(rk_chan_len(b), 1);
  rk_chan_release(a);
  rk_chan_release(b);
}

Test(select, default_with_no_cases, .timeout = 10) {
  cr_assert_eq(rk_select(NULL, 0, RK_SELECT_DEFAULT), -1);
}

Test(select, null_channel_cases_are_skipped, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  int v = 3, w = 0;
  for (int i = 0; i < 100; i++) {
    rk_chan_send(c, &v);
    rk_select_case cases[] = {RK_RECV(NULL, &w, NULL), RK_SEND(NULL, &v),
                              RK_RECV(c, &w, NULL), RK_RECV(NULL, &w, NULL)};
    cr_assert_eq(rk_select(cases, 4, RK_SELECT_BLOCK), 2);
    cr_assert_eq(w, 3);
  }
  rk_select_case nulls[] = {RK_RECV(NULL, &w, NULL), RK_SEND(NULL, &v)};
  cr_assert_eq(rk_select(nulls, 2, RK_SELECT_DEFAULT), -1);
  rk_chan_release(c);
}

Test(select, receive_on_closed_channel, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 0), *never = rk_chan_make(sizeof(int), 0);
  rk_chan_close(c);
  int v = 8;
  bool ok = true;
  rk_select_case cases[] = {RK_RECV(never, NULL, NULL), RK_RECV(c, &v, &ok)};
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1);
  cr_assert_not(ok);
  cr_assert_eq(v, 0);
  rk_chan_release(c);
  rk_chan_release(never);
}

typedef struct later {
  rk_chan *c;
  atomic_int started;
  atomic_int finished;
  int value;
} later;

static void send_later(void *arg) {
  later *l = arg;
  rkt_wait(&l->started);
  for (int i = 0; i < 200; i++)
    sched_yield();
  rk_chan_send(l->c, &l->value);
}

static void recv_later(void *arg) {
  later *l = arg;
  rkt_wait(&l->started);
  for (int i = 0; i < 200; i++)
    sched_yield();
  rk_chan_recv(l->c, &l->value, NULL);
  rkt_signal(&l->finished);
}

static void close_later(void *arg) {
  later *l = arg;
  rkt_wait(&l->started);
  for (int i = 0; i < 200; i++)
    sched_yield();
  rk_chan_close(l->c);
}

Test(select, blocks_until_a_sender_comes, .timeout = 10) {
  later l = {.c = rk_chan_make(sizeof(int), 0), .value = 42};
  rk_chan *other = rk_chan_make(sizeof(int), 0);
  rk_go(send_later, &l);
  int v = 0, w = 0;
  bool ok = false;
  rk_select_case cases[] = {RK_RECV(other, &w, NULL), RK_RECV(l.c, &v, &ok)};
  rkt_signal(&l.started);
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1);
  cr_assert(ok);
  cr_assert_eq(v, 42);
  rk_chan_release(l.c);
  rk_chan_release(other);
}

Test(select, blocks_until_a_receiver_comes, .timeout = 10) {
  later l = {.c = rk_chan_make(sizeof(int), 0), .value = 0};
  rk_chan *other = rk_chan_make(sizeof(int), 0);
  rk_go(recv_later, &l);
  int v = 31, w = 0;
  rk_select_case cases[] = {RK_RECV(other, &w, NULL), RK_SEND(l.c, &v)};
  rkt_signal(&l.started);
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1);
  rkt_wait(&l.finished);
  cr_assert_eq(l.value, 31);
  rk_chan_release(l.c);
  rk_chan_release(other);
}

Test(select, woken_by_close, .timeout = 10) {
  later l = {.c = rk_chan_make(sizeof(int), 0)};
  rk_chan *other = rk_chan_make(sizeof(int), 0);
  rk_go(close_later, &l);
  int v = 4, w = 0;
  bool ok = true;
  rk_select_case cases[] = {RK_RECV(other, &w, NULL), RK_RECV(l.c, &v, &ok)};
  rkt_signal(&l.started);
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1);
  cr_assert_not(ok);
  cr_assert_eq(v, 0);
  rk_chan_release(l.c);
  rk_chan_release(other);
}

/* Both sides in a select on the same unbuffered channel. */
static void select_sender(void *arg) {
  rk_chan *c = arg;
  int v = 17;
  rk_chan *never = NULL;
  rk_select_case cases[] = {RK_RECV(never, NULL, NULL), RK_SEND(c, &v)};
  rk_select(cases, 2, RK_SELECT_BLOCK);
}

Test(select, select_to_select_rendezvous, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 0);
  rk_go(select_sender, c);
  int v = 0;
  rk_select_case cases[] = {RK_RECV(c, &v, NULL)};
  cr_assert_eq(rk_select(cases, 1, RK_SELECT_BLOCK), 0);
  cr_assert_eq(v, 17);
  rk_chan_release(c);
}

/* Two always-ready cases: each chosen 50% +- 5% over 10,000 selects. */
Test(select, fairness_two_ready_receives, .timeout = 30) {
  rk_chan *a = rk_chan_make(sizeof(int), 1), *b = rk_chan_make(sizeof(int), 1);
  int one = 1, v;
  rk_chan_send(a, &one);
  rk_chan_send(b, &one);
  int count[2] = {0, 0};
  for (int i = 0; i < 10000; i++) {
    rk_select_case cases[] = {RK_RECV(a, &v, NULL), RK_RECV(b, &v, NULL)};
    int k = rk_select(cases, 2, RK_SELECT_BLOCK);
    cr_assert(k == 0 || k == 1);
    count[k]++;
    rk_chan_send(k == 0 ? a : b, &one); /* refill: both stay ready */
  }
  cr_assert(count[0] >= 4500 && count[0] <= 5500, "case 0 chosen %d / 10000",
            count[0]);
  cr_assert(count[1] >= 4500 && count[1] <= 5500, "case 1 chosen %d / 10000",
            count[1]);
  rk_chan_release(a);
  rk_chan_release(b);
}

Test(select, fairness_send_and_receive, .timeout = 30) {
  rk_chan *in = rk_chan_make(sizeof(int), 1), *out = rk_chan_make(sizeof(int), 1);
  int one = 1, v;
  rk_chan_send(in, &one);
  int count[2] = {0, 0};
  for (int i = 0; i < 10000; i++) {
    rk_select_case cases[] = {RK_RECV(in, &v, NULL), RK_SEND(out, &one)};
    int k = rk_select(cases, 2, RK_SELECT_DEFAULT);
    cr_assert(k == 0 || k == 1, "got %d", k);
    count[k]++;
    if (k == 0)
      rk_chan_send(in, &one);
    else
      rk_chan_recv(out, &v, NULL);
  }
  cr_assert(count[0] >= 4500 && count[0] <= 5500, "receive chosen %d / 10000",
            count[0]);
  rk_chan_release(in);
  rk_chan_release(out);
}

Test(select, invalid_op_or_flags, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  int v = 0;
  rk_select_case bad[] = {{.op = 99, .ch = c, .elem = &v, .ok = NULL}};
  cr_assert_eq(rk_select(bad, 1, RK_SELECT_DEFAULT), RK_EINVAL);
  rk_select_case good[] = {RK_RECV(c, &v, NULL)};
  cr_assert_eq(rk_select(good, 1, 42), RK_EINVAL);
  rk_chan_release(c);
}

Test(select, send_case_on_closed_channel_panics, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  rk_chan_close(c);
  int v = 1;
  volatile int line = 0;
  rk_select_case cases[] = {RK_SEND(c, &v)};
  /* __LINE__ and RK_HERE in one macro argument expand alike. */
  bool panicked = RKT_CATCH_PANIC({ line = __LINE__; rk_select(cases, 1, RK_SELECT_BLOCK); });
  cr_assert(panicked);
  cr_assert_str_eq(rkt_last_panic()->msg, "send on closed channel");
  cr_assert_eq(rkt_last_panic()->where.line, line);
}

/* An unbuffered channel cannot rendezvous with itself: a select holding
   both a send and a receive case on it needs a partner. */
Test(select, no_rendezvous_with_itself, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 0);
  int in = 0, out = 5;
  rk_select_case cases[] = {RK_RECV(c, &in, NULL), RK_SEND(c, &out)};
  for (int i = 0; i < 100; i++)
    cr_assert_eq(rk_select(cases, 2, RK_SELECT_DEFAULT), -1);
  rk_chan_release(c);
}

static void receive_one(void *arg) {
  later *l = arg;
  rk_chan_recv(l->c, &l->value, NULL);
  rkt_signal(&l->finished);
}

Test(select, send_and_receive_case_on_one_channel_with_partner, .timeout = 10) {
  later l = {.c = rk_chan_make(sizeof(int), 0)};
  rk_go(receive_one, &l);
  int in = 0, out = 5;
  rk_select_case cases[] = {RK_RECV(l.c, &in, NULL), RK_SEND(l.c, &out)};
  cr_assert_eq(rk_select(cases, 2, RK_SELECT_BLOCK), 1, "only the send can proceed");
  rkt_wait(&l.finished);
  cr_assert_eq(l.value, 5);
  cr_assert_eq(in, 0);
  rk_chan_release(l.c);
}

/* Two senders become ready for one select: exactly one value is taken, the
   other sender stays blocked with its value until someone receives it. */
typedef struct two {
  rk_chan *a, *b;
  int rounds;
  rk_waitgroup done; /* the senders have returned: t and the channels may go */
} two;

typedef struct rounds {
  two *t;
  rk_chan *c;
  int base;
} rounds;

static void send_rounds(void *arg) {
  rounds *s = arg;
  for (int i = 0; i < s->t->rounds; i++) {
    int v = s->base + i;
    rk_chan_send(s->c, &v);
  }
  rk_wg_done(&s->t->done);
}

Test(select, one_select_takes_exactly_one_of_two_senders, .timeout = 30) {
  two t = {rk_chan_make(sizeof(int), 0), rk_chan_make(sizeof(int), 0), 3000, RK_WAITGROUP_INIT};
  rounds sa = {&t, t.a, 0}, sb = {&t, t.b, 1000000};
  rk_wg_add(&t.done, 2);
  rk_go(send_rounds, &sa);
  rk_go(send_rounds, &sb);
  int next_a = 0, next_b = 1000000;
  for (int i = 0; i < 2 * t.rounds; i++) {
    int va = -1, vb = -1;
    bool oka = false, okb = false;
    rk_chan *a = next_a < t.rounds ? t.a : NULL;
    rk_chan *b = next_b < 1000000 + t.rounds ? t.b : NULL;
    rk_select_case cases[] = {RK_RECV(a, &va, &oka), RK_RECV(b, &vb, &okb)};
    int k = rk_select(cases, 2, RK_SELECT_BLOCK);
    if (k == 0) {
      cr_assert(oka);
      cr_assert_eq(va, next_a, "a: got %d, want %d", va, next_a);
      cr_assert_eq(vb, -1, "the other case was not performed");
      next_a++;
    } else {
      cr_assert_eq(k, 1);
      cr_assert(okb);
      cr_assert_eq(vb, next_b, "b: got %d, want %d", vb, next_b);
      cr_assert_eq(va, -1, "the other case was not performed");
      next_b++;
    }
  }
  cr_assert_eq(next_a, t.rounds);
  cr_assert_eq(next_b, 1000000 + t.rounds);
  rk_wg_wait(&t.done);
  rk_chan_release(t.a);
  rk_chan_release(t.b);
}

/* Many goroutines blocked in select on the same channel; close wakes all. */
static void select_until_closed(void *arg) {
  later *l = arg;
  rk_chan *never = NULL;
  bool ok = true;
  rk_select_case cases[] = {RK_RECV(never, NULL, NULL), RK_RECV(l->c, NULL, &ok)};
  int k = rk_select(cases, 2, RK_SELECT_BLOCK);
  if (k == 1 && !ok)
    atomic_fetch_add(&l->finished, 1);
}

Test(select, close_wakes_every_select, .timeout = 10) {
  later l = {.c = rk_chan_make(0, 0)};
  for (int i = 0; i < 16; i++)
    rk_go(select_until_closed, &l);
  rk_chan_close(l.c);
  while (atomic_load(&l.finished) < 16)
    sched_yield();
  rk_chan_release(l.c);
}

/* The same channel in two cases (Go allows it): ready or blocking, exactly
   one case is performed. */
static void send_one_value(void *arg) {
  later *l = arg;
  rkt_wait(&l->started);
  rk_chan_send(l->c, &l->value);
}

Test(select, same_channel_in_two_cases, .timeout = 10) {
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  int v1 = -1, v2 = -1, x = 3;
  rk_chan_send(c, &x);
  rk_select_case cases[] = {RK_RECV(c, &v1, NULL), RK_RECV(c, &v2, NULL)};
  int k = rk_select(cases, 2, RK_SELECT_BLOCK);
  cr_assert(k == 0 || k == 1);
  cr_assert_eq(k == 0 ? v1 : v2, 3);
  cr_assert_eq(k == 0 ? v2 : v1, -1);
  cr_assert_eq(rk_chan_len(c), 0);
  rk_chan_release(c);

  later l = {.c = rk_chan_make(sizeof(int), 0), .value = 9};
  rk_go(send_one_value, &l);
  v1 = v2 = -1;
  rk_select_case blocking[] = {RK_RECV(l.c, &v1, NULL), RK_RECV(l.c, &v2, NULL)};
  rkt_signal(&l.started);
  k = rk_select(blocking, 2, RK_SELECT_BLOCK);
  cr_assert(k == 0 || k == 1);
  cr_assert_eq(k == 0 ? v1 : v2, 9);
  cr_assert_eq(k == 0 ? v2 : v1, -1);
  cr_assert_eq(rk_select(blocking, 2, RK_SELECT_DEFAULT), -1, "one value, one case");
  rk_chan_release(l.c);
}

/* Many cases, NULL ones mixed in, blocking until the last real one is
   ready (ASan checks the select's own bookkeeping). */
typedef struct wide {
  rk_chan *c;
  atomic_int started;
} wide;

static void send_to_wide(void *arg) {
  wide *w = arg;
  rkt_wait(&w->started);
  int v = 64;
  rk_chan_send(w->c, &v);
}

Test(select, many_cases_with_nulls, .timeout = 10) {
  enum { N = 40 };
  rk_chan *chans[N];
  rk_select_case cases[N];
  int vals[N];
  for (int i = 0; i < N; i++) {
    chans[i] = i % 3 == 1 ? NULL : rk_chan_make(sizeof(int), 0);
    vals[i] = -1;
    cases[i] = RK_RECV(chans[i], &vals[i], NULL);
  }
  cr_assert_eq(rk_select(cases, N, RK_SELECT_DEFAULT), -1);
  wide w = {chans[N - 1], 0};
  rk_go(send_to_wide, &w);
  rkt_signal(&w.started);
  cr_assert_eq(rk_select(cases, N, RK_SELECT_BLOCK), N - 1);
  cr_assert_eq(vals[N - 1], 64);
  for (int i = 0; i < N - 1; i++)
    cr_assert_eq(vals[i], -1);
  for (int i = 0; i < N; i++)
    rk_chan_release(chans[i]);
}

/* Mostly NULL cases: few usable ones, at high indexes, blocking. */
Test(select, mostly_null_cases_blocking, .timeout = 10) {
  enum { N = 64 };
  rk_select_case cases[N];
  int vals[N];
  rk_chan *real[3];
  for (int i = 0; i < N; i++) {
    vals[i] = -1;
    cases[i] = RK_RECV(NULL, &vals[i], NULL);
  }
  for (int r = 0; r < 3; r++) {
    real[r] = rk_chan_make(sizeof(int), 0);
    cases[N - 1 - 5 * r].ch = real[r];
  }
  for (int round = 0; round < 50; round++) {
    wide w = {real[round % 3], 0};
    rk_go(send_to_wide, &w);
    rkt_signal(&w.started);
    int k = rk_select(cases, N, RK_SELECT_BLOCK);
    cr_assert_eq(k, N - 1 - 5 * (round % 3));
    cr_assert_eq(vals[k], 64);
    vals[k] = -1;
  }
  for (int i = 0; i < N; i++)
    cr_assert_eq(vals[i], -1);
  for (int r = 0; r < 3; r++)
    rk_chan_release(real[r]);
}

/* A select blocked with a send case on a channel that gets closed panics
   (Go: "send on closed channel"), in the selecting goroutine. */
typedef struct blocked_select {
  rk_chan *c, *other;
  atomic_int started, result; /* result: 1 panicked right, 2 wrong */
} blocked_select;

static void select_send_then_closed(void *arg) {
  blocked_select *b = arg;
  int v = 1, w;
  rk_select_case cases[] = {RK_RECV(b->other, &w, NULL), RK_SEND(b->c, &v)};
  bool panicked = RKT_CATCH_PANIC({
    rkt_signal(&b->started);
    rk_select(cases, 2, RK_SELECT_BLOCK);
  });
  atomic_store(&b->result,
               panicked && strcmp(rkt_last_panic()->msg, "send on closed channel") == 0 ? 1 : 2);
}

Test(select, close_panics_blocked_select_sender, .timeout = 10) {
  blocked_select b = {rk_chan_make(sizeof(int), 0), rk_chan_make(sizeof(int), 0), 0, 0};
  rk_go(select_send_then_closed, &b);
  rkt_wait(&b.started);
  for (int64_t t0 = rk_now(); rk_now() - t0 < 5 * RK_MILLISECOND;)
    sched_yield(); /* most likely parked; if not, it panics at once anyway */
  int saved = dup(2);
  FILE *devnull = fopen("/dev/null", "w");
  dup2(fileno(devnull), 2); /* the panic prints; keep the log clean */
  rk_chan_close(b.c);
  while (atomic_load(&b.result) == 0)
    sched_yield();
  dup2(saved, 2);
  fclose(devnull);
  cr_assert_eq(atomic_load(&b.result), 1);
  rk_chan_release(b.c);
  rk_chan_release(b.other);
}
