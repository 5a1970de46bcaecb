/* SPDX-License-Identifier: MIT */
// expect: norace
/* A thread that ends with pthread_exit from a nested call still happens
   before the pthread_join that waits for it; its result travels through
   the exit value. */
#include "corpus.h"

int x;

static void finish(long v) {
  x = (int)v;
  pthread_exit((void *)(v + 1));
}

static void *worker(void *arg) {
  finish((long)arg);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(worker, (void *)41);
  void *ret = NULL;
  if (pthread_join(t, &ret) != 0) return 3;
  return x == 41 && (long)ret == 42 ? 0 : 1;
}
