/* SPDX-License-Identifier: MIT */
/* Row "RWMutex: unlock happens before a later lock returns". */
#include "hb.h"

HB_ISOLATED int x;
static rk_rwmutex rw = RK_RWMUTEX_INIT;
static HB_ISOLATED atomic_int unlocked;

static void writer(void *arg) {
  (void)arg;
  rk_rwmutex_lock(&rw);
  x = 1;
  rk_rwmutex_unlock(&rw);
  hb_signal(&unlocked);
}

int main(void) {
  rk_go(writer, NULL);
  hb_wait(&unlocked);
  rk_rwmutex_lock(&rw);
  x = 2;
  rk_rwmutex_unlock(&rw);
  return hb_ok();
}
