/* SPDX-License-Identifier: MIT */
/* Unit tests of the log of racekit events (instrumentation/events.c): an
   event is listed in a report only when the reporting thread's clock
   knows it, the latest ones, oldest first, also when several threads
   append at once and after the ring has gone round. */
#include <criterion/criterion.h>
#include <pthread.h>

#include "events.h"
#include "sync.h"

static rkc__thr *root;
static void setup(void) { root = rkc__thr_new(NULL, RKC_THREAD_PTHREAD, 0); }
static rkc__thr *spawn(void) { return rkc__thr_new(root, RKC_THREAD_PTHREAD, 0); }

static int chan;

/* A send as the library reports it: the release, then the event. */
static void send(rkc__thr *t, uintptr_t edge, uint64_t seq, long goid) {
  rkc__release(t, edge);
  rk_event ev = {.kind = RK_EV_CHAN_SEND, .release = true, .obj = &chan, .seq = seq, .goid = goid,
                 .where = {"prog.c", (int)(seq % 1000), "main"}};
  rkc__events_record(t, &ev);
}

TestSuite(events, .init = setup);

Test(events, listed_once_known, .timeout = 5) {
  static char edge;
  rkc__thr *a = spawn(), *b = spawn();
  rkc_sync_note out[RKC_SYNC_NOTES_MAX];
  send(a, (uintptr_t)&edge, 1, 1);
  cr_assert_eq(rkc__events_known(b, out, RKC_SYNC_NOTES_MAX), 0, "b has not received yet");
  cr_assert_eq(rkc__events_known(a, out, RKC_SYNC_NOTES_MAX), 1, "a knows its own send");
  rkc__acquire(b, (uintptr_t)&edge);
  cr_assert_eq(rkc__events_known(b, out, RKC_SYNC_NOTES_MAX), 1);
  cr_assert_str_eq(out[0].kind, "chan send");
  cr_assert_eq(out[0].seq, 1);
  cr_assert_eq(out[0].obj, &chan);
  cr_assert_str_eq(out[0].file, "prog.c");
  cr_assert_eq(out[0].line, 1);
}

enum { PER_THREAD = 100000 };
static rkc__thr *writer[2];
static char edges[2];

static void *append(void *arg) {
  long id = (long)arg;
  for (uint64_t k = 1; k <= PER_THREAD; k++)
    send(writer[id], (uintptr_t)&edges[id], k, id + 1);
  return NULL;
}

Test(events, two_writers_at_once, .timeout = 60) {
  writer[0] = spawn();
  writer[1] = spawn();
  pthread_t th[2];
  for (long i = 0; i < 2; i++)
    cr_assert_eq(pthread_create(&th[i], NULL, append, (void *)i), 0);
  for (int i = 0; i < 2; i++)
    cr_assert_eq(pthread_join(th[i], NULL), 0);
  rkc__thr *c = spawn();
  rkc__acquire(c, (uintptr_t)&edges[0]);
  rkc__acquire(c, (uintptr_t)&edges[1]);
  rkc_sync_note out[RKC_SYNC_NOTES_MAX];
  int n = rkc__events_known(c, out, RKC_SYNC_NOTES_MAX);
  cr_assert_eq(n, RKC_SYNC_NOTES_MAX);
  /* the latest of both writers' (each writer's last sends), each
     writer's in its order */
  uint64_t last[3] = {0, 0, 0};
  for (int i = 0; i < n; i++) {
    cr_assert(out[i].goid == 1 || out[i].goid == 2);
    cr_assert_gt(out[i].seq, last[out[i].goid], "note %d out of order", i);
    last[out[i].goid] = out[i].seq;
    cr_assert_gt(out[i].seq, PER_THREAD - RKC_SYNC_NOTES_MAX, "note %d is not among the latest", i);
  }
  cr_assert(last[1] == PER_THREAD || last[2] == PER_THREAD, "the very last send is listed");
}

Test(events, after_the_ring_went_round, .timeout = 60) {
  static char edge;
  rkc__thr *a = spawn();
  const uint64_t total = RKC_EVLOG_CAP + 1000;
  for (uint64_t k = 1; k <= total; k++)
    send(a, (uintptr_t)&edge, k, 1);
  rkc_sync_note out[RKC_SYNC_NOTES_MAX];
  cr_assert_eq(rkc__events_known(a, out, RKC_SYNC_NOTES_MAX), RKC_SYNC_NOTES_MAX);
  for (int i = 0; i < RKC_SYNC_NOTES_MAX; i++)
    cr_assert_eq(out[i].seq, total - RKC_SYNC_NOTES_MAX + 1 + i);
}
