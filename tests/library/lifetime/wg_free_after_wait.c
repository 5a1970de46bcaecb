/* SPDX-License-Identifier: MIT */
/* As in Go, a waitgroup may go away as soon as rk_wg_wait returns: the
   done that released it touches it no more. A heap waitgroup is freed right
   after each wait; built against the ASan copy of the library (build-asan),
   any later access by the done fails the program. (The old waitgroup,
   which locked and popped its queue after the count reached zero while a
   waiter could still leave unwoken, failed within a few thousand rounds.)
   Usage: wg_free_after_wait [ROUNDS] */
#include <racekit/racekit.h>

#include <stdio.h>
#include <stdlib.h>

static void done_and_return(void *arg) { rk_wg_done(arg); }

int main(int argc, char **argv) {
  long rounds = argc > 1 ? atol(argv[1]) : 300000;
  for (long i = 0; i < rounds; i++) {
    rk_waitgroup *wg = calloc(1, sizeof *wg);
    if (!wg)
      return 1;
    rk_wg_add(wg, 1);
    rk_go(done_and_return, wg);
    /* odd rounds: let the goroutine get ahead, by varying amounts */
    for (long k = 0; k < ((i & 1) ? i % 64 : 0); k++)
      __asm__ volatile("pause");
    rk_wg_wait(wg);
    free(wg);
  }
  printf("wg_free_after_wait: %ld rounds\n", rounds);
  return 0;
}
