/* SPDX-License-Identifier: MIT */
// expect: race 25 40
// tsan: miss
/* A detached thread writes a word near the end of a heap block and
   exits; nothing orders it before main. main, the only thread left then,
   frees the block: the free writes every byte of it and races with that
   write, however long ago the thread ended. (A checker may free such a
   block without locking its words once no other thread runs; it must
   still check each of them. ThreadSanitizer checks only a freed block's
   first kilobyte and misses this one.) */
#define _GNU_SOURCE
#include "corpus.h"

#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { WORDS = 4096 };
static long *blk;
static _Atomic int tid; /* relaxed: no happens-before */

static void *writer(void *arg) {
  (void)arg;
  blk[WORDS - 3] = 1; /* R1 */
  atomic_store_explicit(&tid, (int)syscall(SYS_gettid), memory_order_relaxed);
  return NULL;
}

int main(void) {
  blk = malloc(WORDS * sizeof *blk);
  if (!blk) return 1;
  for (int i = 0; i < WORDS; i++) blk[i] = i; /* ordered before the free: main's own */
  pthread_t t = spawn(writer, NULL);
  pthread_detach(t);
  int k;
  while (!(k = atomic_load_explicit(&tid, memory_order_relaxed))) sched_yield();
  /* the kernel thread is gone: its last instrumented access is long done */
  while (syscall(SYS_tgkill, getpid(), k, 0) == 0) sched_yield();
  free(blk); /* R2 */
  return 0;
}
