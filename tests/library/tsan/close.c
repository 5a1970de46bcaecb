/* SPDX-License-Identifier: MIT */
/* Close semantics with waiters: receivers blocked on an empty channel get
   ok=false and a zero value; a buffered channel is drained before the
   close is seen; values and flags written before the close are visible to
   the receivers that saw it (no report under ThreadSanitizer). A blocked
   sender panics when the channel is closed (caught with a handler). */
#include "scenario.h"

#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

enum { N = 8 };

static rk_chan *ch;
static rk_waitgroup wg;
static int result[N];     /* each written by one goroutine, read after wait */
static int payload[N];    /* written by main before close */

static void receiver(void *arg) {
  int id = (int)(long)arg;
  int v = 99;
  bool ok = true;
  rk_chan_recv(ch, &v, &ok);
  result[id] = (!ok && v == 0 && payload[id] == id + 1) ? 1 : 2;
  rk_wg_done(&wg);
}

static void drainer(void *arg) {
  int id = (int)(long)arg;
  int v, n = 0;
  RK_CHAN_FOR(ch, v) { n += v; }
  result[id] = n;
  rk_wg_done(&wg);
}

/* Per sender, found by goid (goroutines may move between threads, so not
   thread-locals). goids[i] written by sender i before it can panic. */
static _Atomic long goids[N];
static jmp_buf *jump[N];
static bool right_message[N];

static int my_slot(void) {
  for (int i = 0; i < N; i++)
    if (atomic_load(&goids[i]) == rk_goid())
      return i;
  return -1;
}

static void on_panic(const char *msg, rk_srcloc where, void *arg) {
  (void)where;
  (void)arg;
  int i = my_slot();
  if (i < 0 || !jump[i])
    abort();
  right_message[i] = strcmp(msg, "send on closed channel") == 0;
  longjmp(*jump[i], 1);
}

static void sender(void *arg) {
  int id = (int)(long)arg;
  jmp_buf buf;
  atomic_store(&goids[id], rk_goid());
  jump[id] = &buf;
  int v = 1;
  if (setjmp(buf) == 0) {
    rk_chan_send(ch, &v);
    result[id] = 2; /* the send completed: wrong, nobody receives */
  } else {
    result[id] = right_message[id] ? 1 : 3;
  }
  jump[id] = NULL;
  rk_wg_done(&wg);
}

int main(void) {
  /* 1. blocked receivers, then close */
  for (int round = 0; round < 20; round++) {
    ch = rk_chan_make(sizeof(int), round % 2);
    memset(result, 0, sizeof result);
    rk_wg_add(&wg, N);
    for (long i = 0; i < N; i++)
      rk_go(receiver, (void *)i);
    for (int i = 0; i < N; i++)
      payload[i] = i + 1;
    rk_chan_close(ch);
    rk_wg_wait(&wg);
    for (int i = 0; i < N; i++)
      CHECK(result[i] == 1);
    memset(payload, 0, sizeof payload);
    rk_chan_release(ch);
  }

  /* 2. a buffered channel is drained before the close is seen */
  ch = rk_chan_make(sizeof(int), 100);
  for (int i = 0; i < 100; i++)
    rk_chan_send(ch, &(int){1});
  memset(result, 0, sizeof result);
  rk_wg_add(&wg, 4);
  for (long i = 0; i < 4; i++)
    rk_go(drainer, (void *)i);
  rk_chan_close(ch);
  rk_wg_wait(&wg);
  CHECK(result[0] + result[1] + result[2] + result[3] == 100);
  rk_chan_release(ch);

  /* 3. blocked senders panic on close */
  rk_panic_set_handler(on_panic, NULL);
  ch = rk_chan_make(sizeof(int), 0);
  memset(result, 0, sizeof result);
  rk_wg_add(&wg, 4);
  for (long i = 0; i < 4; i++)
    rk_go(sender, (void *)i);
  rk_sleep(10 * RK_MILLISECOND); /* most senders are parked; either way they panic */
  rk_chan_close(ch);
  rk_wg_wait(&wg);
  for (int i = 0; i < 4; i++)
    CHECK(result[i] == 1);
  rk_panic_set_handler(NULL, NULL);
  rk_chan_release(ch);
  printf("close: ok\n");
  return 0;
}
