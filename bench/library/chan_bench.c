/* SPDX-License-Identifier: MIT */
/* Channel benchmarks: unbuffered ping-pong round trip, buffered (cap 1024)
   one producer / one consumer per item, 4 producers / 4 consumers per
   item. Same shapes as bench/go. */
#include "bench.h"

typedef struct pingpong {
  rk_chan *ping, *pong;
  long n;
} pingpong;

static void pong_side(void *arg) {
  pingpong *p = arg;
  long v;
  for (long i = 0; i < p->n; i++) {
    rk_chan_recv(p->ping, &v, NULL);
    rk_chan_send(p->pong, &v);
  }
}

int64_t rkb_chan_pingpong(long n) {
  pingpong p = {rk_chan_make(sizeof(long), 0), rk_chan_make(sizeof(long), 0), n};
  rk_go(pong_side, &p);
  int64_t t0 = rkb_ns_now();
  for (long i = 0; i < n; i++) {
    long v = i;
    rk_chan_send(p.ping, &v);
    rk_chan_recv(p.pong, &v, NULL);
  }
  int64_t t = rkb_ns_now() - t0;
  rk_chan_release(p.ping);
  rk_chan_release(p.pong);
  return t;
}

typedef struct flow {
  rk_chan *c;
  long items; /* per producer */
  rk_waitgroup wg;
} flow;

static void producer(void *arg) {
  flow *f = arg;
  for (long i = 0; i < f->items; i++)
    rk_chan_send(f->c, &i);
  rk_wg_done(&f->wg);
}

static void consumer(void *arg) {
  flow *f = arg;
  long v;
  RK_CHAN_FOR(f->c, v) {}
  rk_wg_done(&f->wg);
}

int64_t rkb_chan_buffered_1p1c(long n) {
  flow f = {rk_chan_make(sizeof(long), 1024), n, RK_WAITGROUP_INIT};
  int64_t t0 = rkb_ns_now();
  rk_wg_add(&f.wg, 1);
  rk_go(producer, &f);
  long v;
  for (long i = 0; i < n; i++)
    rk_chan_recv(f.c, &v, NULL);
  rk_wg_wait(&f.wg);
  int64_t t = rkb_ns_now() - t0;
  rk_chan_release(f.c);
  return t;
}

int64_t rkb_chan_buffered_4p4c(long n) {
  long per = (n + 3) / 4;
  flow prod = {rk_chan_make(sizeof(long), 1024), per, RK_WAITGROUP_INIT};
  flow cons = {prod.c, 0, RK_WAITGROUP_INIT};
  int64_t t0 = rkb_ns_now();
  rk_wg_add(&cons.wg, 4);
  for (int i = 0; i < 4; i++)
    rk_go(consumer, &cons);
  rk_wg_add(&prod.wg, 4);
  for (int i = 0; i < 4; i++)
    rk_go(producer, &prod);
  rk_wg_wait(&prod.wg);
  rk_chan_close(prod.c);
  rk_wg_wait(&cons.wg);
  int64_t t = rkb_ns_now() - t0;
  rk_chan_release(prod.c);
  return t * n / (per * 4);
}
