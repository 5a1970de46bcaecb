/* SPDX-License-Identifier: MIT */
/* Pooled threads must not hide races: goroutine A writes x and ends; main,
   WITHOUT waiting for A through racekit, starts B, which writes x. B very
   likely runs on A's old pooled thread; each goroutine is its own logical
   thread (fiber), so the checker must still see two unordered writes.
   The short sleep only gives A's thread time to return to the pool, which
   makes reuse likely; the verdict is a race whether or not the thread is
   reused. The program says on stderr whether it was. */
#include "hb.h"

#include <pthread.h>
#include <time.h>

HB_ISOLATED int x;
static HB_ISOLATED atomic_int a_ended, b_done;
static HB_ISOLATED _Atomic(pthread_t) a_thread, b_thread;

static void a(void *arg) {
  (void)arg;
  x = 1;
  atomic_store_explicit(&a_thread, pthread_self(), memory_order_relaxed);
  hb_signal(&a_ended);
}

static void b(void *arg) {
  (void)arg;
  atomic_store_explicit(&b_thread, pthread_self(), memory_order_relaxed);
  fprintf(stderr, "hb: pooled thread reused: %s\n",
          pthread_equal(atomic_load_explicit(&a_thread, memory_order_relaxed),
                        atomic_load_explicit(&b_thread, memory_order_relaxed))
              ? "yes" : "no");
  x = 2; /* races with A's write */
  hb_signal(&b_done);
}

int main(void) {
  rk_go(a, NULL);
  hb_wait(&a_ended);
  nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
  rk_go(b, NULL);
  hb_wait(&b_done);
  return hb_no_race_seen();
}
