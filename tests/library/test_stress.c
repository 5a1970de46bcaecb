/* SPDX-License-Identifier: MIT */
/* Stress: 4 producers x 4 consumers, 10^6 messages over one channel
   (buffered, unbuffered, and through select). Every message is delivered
   exactly once, and each consumer sees each producer's messages in the
   order they were sent. Bounded by the timeouts. */
#include "rk_test.h"

enum { PRODUCERS = 4, CONSUMERS = 4, MESSAGES = 1000000,
       PER_PRODUCER = MESSAGES / PRODUCERS };

typedef struct msg {
  int producer;
  int seq;
} msg;

typedef struct stress {
  rk_chan *c;
  rk_waitgroup producers, consumers;
  atomic_uchar *seen;   /* [MESSAGES]: deliveries of each message */
  atomic_long received; /* total */
  atomic_int out_of_order;
  bool use_select;
} stress;

typedef struct role {
  stress *s;
  int id;
} role;

static void produce(void *arg) {
  role *r = arg;
  for (int i = 0; i < PER_PRODUCER; i++) {
    msg m = {r->id, i};
    if (r->s->use_select && i % 2 == 1) {
      rk_select_case cases[] = {RK_SEND(NULL, &m), RK_SEND(r->s->c, &m)};
      rk_select(cases, 2, RK_SELECT_BLOCK);
    } else {
      rk_chan_send(r->s->c, &m);
    }
  }
  rk_wg_done(&r->s->producers);
}

static void consume(void *arg) {
  role *r = arg;
  stress *s = r->s;
  int last[PRODUCERS];
  for (int p = 0; p < PRODUCERS; p++)
    last[p] = -1;
  long n = 0;
  for (;;) {
    msg m;
    bool ok;
    if (s->use_select && n % 2 == 1) {
      rk_select_case cases[] = {RK_RECV(s->c, &m, &ok), RK_RECV(NULL, NULL, NULL)};
      rk_select(cases, 2, RK_SELECT_BLOCK);
    } else {
      rk_chan_recv(s->c, &m, &ok);
    }
    if (!ok)
      break;
    n++;
    if (m.producer < 0 || m.producer >= PRODUCERS || m.seq < 0 || m.seq >= PER_PRODUCER) {
      atomic_fetch_add(&s->out_of_order, 1000000);
      continue;
    }
    if (m.seq <= last[m.producer])
      atomic_fetch_add(&s->out_of_order, 1);
    last[m.producer] = m.seq;
    atomic_fetch_add(&s->seen[m.producer * PER_PRODUCER + m.seq], 1);
  }
  atomic_fetch_add(&s->received, n);
  rk_wg_done(&s->consumers);
}

static void run_stress(size_t cap, bool use_select) {
  static stress s;
  memset(&s, 0, sizeof s);
  s.c = rk_chan_make(sizeof(msg), cap);
  s.seen = calloc(MESSAGES, sizeof *s.seen);
  s.use_select = use_select;
  cr_assert_not_null(s.seen);
  role prod[PRODUCERS], cons[CONSUMERS];
  rk_wg_add(&s.consumers, CONSUMERS);
  for (int i = 0; i < CONSUMERS; i++) {
    cons[i] = (role){&s, i};
    rk_go(consume, &cons[i]);
  }
  rk_wg_add(&s.producers, PRODUCERS);
  for (int i = 0; i < PRODUCERS; i++) {
    prod[i] = (role){&s, i};
    rk_go(produce, &prod[i]);
  }
  rk_wg_wait(&s.producers);
  rk_chan_close(s.c);
  rk_wg_wait(&s.consumers);

  cr_assert_eq(atomic_load(&s.received), MESSAGES);
  cr_assert_eq(atomic_load(&s.out_of_order), 0,
               "a consumer saw a producer's messages out of order");
  for (long i = 0; i < MESSAGES; i++)
    cr_assert_eq(atomic_load(&s.seen[i]), 1, "message %ld delivered %d times", i,
                 (int)atomic_load(&s.seen[i]));
  free(s.seen);
  rk_chan_release(s.c);
}

Test(stress, buffered_4p4c_1e6, .timeout = 120) { run_stress(64, false); }

Test(stress, unbuffered_4p4c_1e6, .timeout = 120) { run_stress(0, false); }

Test(stress, select_buffered_4p4c_1e6, .timeout = 120) { run_stress(16, true); }
