/* SPDX-License-Identifier: MIT */
/* Context under load: 1,000 descendants in a tree, a goroutine per leaf
   waiting in select on its context's done channel; one cancel of the root
   wakes them all. Each goroutine then reads a plain value main wrote
   before the cancel (ordered by "cancel happens before the done receive").
   Then a timeout tree: every node ends with RK_ETIMEDOUT. */
#include "scenario.h"

#include <stdbool.h>

enum { N = 1000 };

static rk_context *nodes[N];
static int reason;       /* written by main before cancel */
static int seen[N];      /* written by goroutine i, read after wait */
static rk_waitgroup wg;
static rk_chan *never;

static void wait_done(void *arg) {
  int i = (int)(long)arg;
  int v;
  rk_select_case cases[] = {RK_RECV(never, &v, NULL),
                            RK_RECV(rk_context_done(nodes[i]), NULL, NULL)};
  int k = rk_select(cases, 2, RK_SELECT_BLOCK);
  seen[i] = (k == 1 && reason == 7 && rk_context_err(nodes[i]) == RK_ECANCELED) ? 1 : 2;
  rk_wg_done(&wg);
}

int main(void) {
  never = rk_chan_make(sizeof(int), 0);
  rk_context *root = rk_context_with_cancel(rk_context_background());
  unsigned seed = 1;
  for (int i = 0; i < N; i++) {
    rk_context *parent = i == 0 ? root : nodes[rand_r(&seed) % i];
    nodes[i] = rk_context_with_cancel(parent);
    CHECK(nodes[i] != NULL);
  }
  rk_wg_add(&wg, N);
  for (long i = 0; i < N; i++)
    rk_go(wait_done, (void *)i);
  reason = 7;
  rk_context_cancel(root);
  rk_wg_wait(&wg);
  for (int i = 0; i < N; i++)
    CHECK(seen[i] == 1);
  for (int i = N - 1; i >= 0; i--)
    rk_context_release(nodes[i]);
  rk_context_release(root);

  /* timeout tree */
  rk_context *t = rk_context_with_timeout(rk_context_background(), 20 * RK_MILLISECOND);
  rk_context *kids[10];
  for (int i = 0; i < 10; i++)
    kids[i] = rk_context_with_cancel(i == 0 ? t : kids[i - 1]);
  bool ok = true;
  rk_chan_recv(rk_context_done(kids[9]), NULL, &ok);
  CHECK(!ok);
  for (int i = 0; i < 10; i++)
    CHECK(rk_context_err(kids[i]) == RK_ETIMEDOUT);
  for (int i = 9; i >= 0; i--)
    rk_context_release(kids[i]);
  rk_context_release(t);
  rk_chan_release(never);
  printf("context: ok\n");
  return 0;
}
