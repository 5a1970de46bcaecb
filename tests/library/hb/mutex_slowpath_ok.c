/* SPDX-License-Identifier: MIT */
/* Row "rk_mutex_unlock happens before the next rk_mutex_lock returns", on
   the slow path: main blocks in rk_mutex_lock while the goroutine holds
   the lock and writes x; the unlock wakes main, which reads x. Also
   RWMutex: a reader blocked behind the writer. */
#include "hb.h"

#include <time.h>

HB_ISOLATED int x, y;
static rk_mutex mu = RK_MUTEX_INIT;
static rk_rwmutex rw = RK_RWMUTEX_INIT;
static HB_ISOLATED atomic_int locked;

static void nap(void) { nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL); }

static void holder(void *arg) {
  (void)arg;
  rk_mutex_lock(&mu);
  rk_rwmutex_lock(&rw);
  hb_signal(&locked);
  nap(); /* main blocks in lock meanwhile */
  x = 1;
  rk_mutex_unlock(&mu);
  nap(); /* main blocks in rlock meanwhile */
  y = 1;
  rk_rwmutex_unlock(&rw);
}

int main(void) {
  rk_go(holder, NULL);
  hb_wait(&locked);
  rk_mutex_lock(&mu);
  hb_check(x == 1, "x written under the lock");
  rk_mutex_unlock(&mu);
  rk_rwmutex_rlock(&rw);
  hb_check(y == 1, "y written under the write lock");
  rk_rwmutex_runlock(&rw);
  return hb_ok();
}
