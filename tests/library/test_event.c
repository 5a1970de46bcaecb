/* SPDX-License-Identifier: MIT */
/* The event hook: each happens-before edge the library creates is reported
   with its kind, direction, object, sequence number, goroutine and the
   user's call site. */
#include "rk_test.h"

enum { MAX_EVENTS = 256 };
static rk_event events[MAX_EVENTS];
static atomic_int nevents;

static void record(const rk_event *ev, void *arg) {
  (void)arg;
  int i = atomic_fetch_add(&nevents, 1);
  if (i < MAX_EVENTS)
    events[i] = *ev;
}

/* The first recorded event of kind k on obj with sequence number seq. */
static const rk_event *find_seq(rk_event_kind k, const void *obj, uint64_t seq) {
  int n = atomic_load(&nevents);
  for (int i = 0; i < n && i < MAX_EVENTS; i++)
    if (events[i].kind == k && events[i].obj == obj && events[i].seq == seq)
      return &events[i];
  return NULL;
}

/* The first recorded event of kind k on obj (from index *from on). */
static const rk_event *find(rk_event_kind k, const void *obj, int *from) {
  int n = atomic_load(&nevents);
  for (int i = *from; i < n && i < MAX_EVENTS; i++)
    if (events[i].kind == k && events[i].obj == obj) {
      *from = i + 1;
      return &events[i];
    }
  return NULL;
}

Test(event, kind_names, .timeout = 10) {
  for (int k = RK_EV_GO; k <= RK_EV_CONTEXT_DONE; k++) {
    const char *name = rk_event_kind_name((rk_event_kind)k);
    cr_assert_not_null(name);
    cr_assert_gt(strlen(name), 0);
    for (int j = RK_EV_GO; j < k; j++)
      cr_assert_str_neq(name, rk_event_kind_name((rk_event_kind)j));
  }
}

Test(event, buffered_channel_edges, .timeout = 10) {
  rk_event_set_hook(record, NULL);
  rk_chan *c = rk_chan_make(sizeof(int), 1);
  int v = 1;
  int send_line = __LINE__ + 1;
  rk_chan_send(c, &v);
  int recv_line = __LINE__ + 1;
  rk_chan_recv(c, &v, NULL);
  rk_chan_send(c, &v); /* send 2 = 1 + C: acquires receive 1's slot */
  rk_event_set_hook(NULL, NULL);

  int from = 0;
  const rk_event *s = find(RK_EV_CHAN_SEND, c, &from);
  cr_assert_not_null(s, "send event");
  cr_assert(s->release);
  cr_assert_eq(s->seq, 1);
  cr_assert_eq(s->goid, 1);
  cr_assert_eq(s->where.line, send_line);
  cr_assert_not_null(s->addr);
  const rk_event *r = find(RK_EV_CHAN_RECV, c, &from);
  cr_assert_not_null(r, "receive event");
  cr_assert_not(r->release);
  cr_assert_eq(r->seq, 1, "receive names its send's number");
  cr_assert_eq(r->where.line, recv_line);
  cr_assert_eq(r->addr, s->addr, "send and receive pair on one address");
  const rk_event *rs = find_seq(RK_EV_CHAN_RECV_SLOT, c, 1);
  cr_assert_not_null(rs, "receive 1 releases its slot (k+C rule)");
  cr_assert(rs->release);
  const rk_event *ss = find_seq(RK_EV_CHAN_SEND_SLOT, c, 1);
  cr_assert_not_null(ss, "send 2 acquires receive 1's slot");
  cr_assert_not(ss->release);
  cr_assert_eq(ss->addr, rs->addr);
  rk_chan_release(c);
}

Test(event, mutex_and_close_edges, .timeout = 10) {
  rk_event_set_hook(record, NULL);
  rk_mutex mu = RK_MUTEX_INIT;
  rk_mutex_lock(&mu);
  rk_mutex_unlock(&mu);
  rk_chan *c = rk_chan_make(0, 0);
  rk_chan_close(c);
  bool ok = true;
  rk_chan_recv(c, NULL, &ok);
  rk_event_set_hook(NULL, NULL);
  int from = 0;
  const rk_event *l = find(RK_EV_MUTEX_LOCK, &mu, &from);
  cr_assert_not_null(l);
  cr_assert_not(l->release);
  const rk_event *u = find(RK_EV_MUTEX_UNLOCK, &mu, &from);
  cr_assert_not_null(u);
  cr_assert(u->release);
  from = 0;
  const rk_event *cl = find(RK_EV_CHAN_CLOSE, c, &from);
  cr_assert_not_null(cl);
  cr_assert(cl->release);
  const rk_event *rc = find(RK_EV_CHAN_RECV_CLOSED, c, &from);
  cr_assert_not_null(rc);
  cr_assert_not(rc->release);
  cr_assert_eq(rc->addr, cl->addr);
  rk_chan_release(c);
}

static void noop(void) {}

static void nothing(void *arg) { rkt_signal((atomic_int *)arg); }

Test(event, go_edges, .timeout = 10) {
  atomic_int ran = 0;
  rk_event_set_hook(record, NULL);
  rk_go(nothing, &ran);
  rkt_wait(&ran);
  rk_event_set_hook(NULL, NULL);
  int from = 0;
  const rk_event *g = find(RK_EV_GO, NULL, &from);
  cr_assert_not_null(g);
  cr_assert(g->release);
  cr_assert_gt(g->seq, 1, "seq is the new goroutine's id");
  cr_assert_eq(g->goid, 1);
  from = 0;
  int n = atomic_load(&nevents);
  bool started = false;
  for (int i = 0; i < n; i++)
    if (events[i].kind == RK_EV_GO_START && !events[i].release &&
        events[i].goid == (long)g->seq)
      started = true;
  cr_assert(started, "the new goroutine acquires at its start");
}

Test(event, sync_edges_pair_on_one_address, .timeout = 10) {
  rk_event_set_hook(record, NULL);
  rk_waitgroup wg = RK_WAITGROUP_INIT;
  rk_wg_add(&wg, 1);
  rk_wg_done(&wg);
  rk_wg_wait(&wg);
  rk_rwmutex rw = RK_RWMUTEX_INIT;
  rk_rwmutex_lock(&rw);
  rk_rwmutex_unlock(&rw);
  rk_rwmutex_rlock(&rw);
  rk_rwmutex_runlock(&rw);
  static rk_once once = RK_ONCE_INIT;
  rk_once_do(&once, noop);
  rk_context *ctx = rk_context_with_cancel(rk_context_background());
  rk_context_cancel(ctx);
  rk_chan_recv(rk_context_done(ctx), NULL, NULL);
  rk_event_set_hook(NULL, NULL);

  const struct {
    rk_event_kind release, acquire;
    const void *obj;
  } pairs[] = {
      {RK_EV_WG_DONE, RK_EV_WG_WAIT, &wg},
      {RK_EV_RWMUTEX_UNLOCK, RK_EV_RWMUTEX_RLOCK, &rw},
      {RK_EV_ONCE_DONE, RK_EV_ONCE_RETURN, &once},
      {RK_EV_CONTEXT_CANCEL, RK_EV_CONTEXT_DONE, ctx},
  };
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    int from = 0;
    const rk_event *r = find(pairs[i].release, pairs[i].obj, &from);
    cr_assert_not_null(r, "%s", rk_event_kind_name(pairs[i].release));
    cr_assert(r->release);
    cr_assert_eq(r->goid, 1);
    const rk_event *a = find(pairs[i].acquire, pairs[i].obj, &from);
    cr_assert_not_null(a, "%s after %s", rk_event_kind_name(pairs[i].acquire),
                       rk_event_kind_name(pairs[i].release));
    cr_assert_not(a->release);
    cr_assert_eq(a->addr, r->addr, "%s and %s pair on one address",
                 rk_event_kind_name(pairs[i].release), rk_event_kind_name(pairs[i].acquire));
  }
  rk_context_release(ctx);
}
