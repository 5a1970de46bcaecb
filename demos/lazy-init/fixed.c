/* SPDX-License-Identifier: MIT */
/* lazy-init (fixed): get_config() lets rk_once_do run the initialisation
 * exactly once. The initialiser's return happens before every rk_once_do on
 * the same once returns, so every caller reads the pointer after it was
 * set. */
#include <racekit/racekit.h>
#include <stdio.h>

enum { USERS = 4 };

struct config {
  const char *name;
  int workers;
};
static const struct config defaults = {"defaults", 8}; /* immutable */

static const struct config *config; /* set once by load_config(), read after rk_once_do returns */
static rk_once config_once;
static rk_atomic_i64 loads;        /* how many times the configuration was loaded */

static void load_config(void) {
  rk_atomic_i64_add(&loads, 1); /* a real program would parse a file here */
  config = &defaults;
}

static const struct config *get_config(void) {
  rk_once_do(&config_once, load_config); /* HB: load_config's return pairs with this return */
  return config;
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
