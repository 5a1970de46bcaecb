/* SPDX-License-Identifier: MIT */
/* lazy-init (racy): double-checked locking. get_config() reads the pointer
 * without the lock first (the "fast path") and takes the lock only to set
 * it. The unlocked read is not ordered with the write made under the lock:
 * the lock orders only code that takes it. */
#include <racekit/racekit.h>
#include <stdio.h>

enum { USERS = 4 };

struct config {
  const char *name;
  int workers;
};
static const struct config defaults = {"defaults", 8}; /* immutable */

static const struct config *config; /* set on first use under config_mu; the fast path reads it without (the bug) */
static rk_mutex config_mu;
static rk_atomic_i64 loads;        /* how many times the configuration was loaded */

static const struct config *get_config(void) {
  const struct config *c = config; /* fast path: no lock */
  if (c == NULL) {
    rk_mutex_lock(&config_mu);
    if (config == NULL) {
      rk_atomic_i64_add(&loads, 1); /* a real program would parse a file here */
      config = &defaults;
    }
    c = config;
    rk_mutex_unlock(&config_mu);
  }
  return c;
}

static rk_chan *start;  /* closed by main: all users start at once */
static rk_waitgroup wg;
static rk_atomic_i64 workers_seen; /* sum of config->workers over all users */

static void user(void *arg) {
  (void)arg;
  rk_chan_recv(start, NULL, NULL); /* HB: pairs with rk_chan_close(start) in main() */
  rk_atomic_i64_add(&workers_seen, get_config()->workers);
  rk_wg_done(&wg); /* HB: pairs with rk_wg_wait in main() */
}

int main(void) {
  start = rk_chan_make(0, 0);
  for (int i = 0; i < USERS; i++) {
    rk_wg_add(&wg, 1);
    rk_go(user, NULL);
  }
  rk_chan_close(start); /* HB: pairs with each goroutine's receive on start */
  rk_wg_wait(&wg); /* HB: pairs with each rk_wg_done */
  printf("%d users saw %lld workers in total (expected %d); configuration loaded %lld time(s)\n", USERS,
         (long long)rk_atomic_i64_load(&workers_seen), USERS * 8, (long long)rk_atomic_i64_load(&loads));
  rk_chan_release(start);
  return 0;
}
