/* SPDX-License-Identifier: MIT */
// expect: norace
/* C11 <threads.h>: thrd_create, mtx_lock/mtx_unlock, cnd_wait, call_once
   and thrd_join order accesses exactly like their pthread counterparts.
   glibc runs them over its pthread functions inside libc, out of an
   interceptor's sight: racekit intercepts the C11 functions themselves.
   (clang 14's and gcc 12's ThreadSanitizer crash on this program.) */
#include <threads.h>

#include "corpus.h"

enum { THREADS = 3, ITERS = 300 };
static mtx_t mu;
static cnd_t cv;
static once_flag once = ONCE_FLAG_INIT;
int config;   /* written once by init */
long counter; /* guarded by mu */
int started;  /* guarded by mu */
int input;    /* written by main before thrd_create */

static void init(void) { config = 7; }

static int worker(void *arg) {
  (void)arg;
  call_once(&once, init);
  for (int i = 0; i < ITERS; i++) {
    mtx_lock(&mu);
    counter += config + input;
    mtx_unlock(&mu);
  }
  mtx_lock(&mu);
  started++;
  cnd_signal(&cv);
  mtx_unlock(&mu);
  return 0;
}

int main(void) {
  if (mtx_init(&mu, mtx_plain) != thrd_success || cnd_init(&cv) != thrd_success) return 3;
  input = 1;
  thrd_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    if (thrd_create(&t[i], worker, NULL) != thrd_success) return 3;
  mtx_lock(&mu);
  while (started < THREADS) cnd_wait(&cv, &mu);
  long seen = counter;
  mtx_unlock(&mu);
  for (int i = 0; i < THREADS; i++) thrd_join(t[i], NULL);
  input = 0;
  mtx_destroy(&mu);
  cnd_destroy(&cv);
  return seen == THREADS * ITERS * 8L ? 0 : 1;
}
