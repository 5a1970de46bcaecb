/* SPDX-License-Identifier: MIT */
// expect: norace
/* Cleanup handlers run by pthread_exit (and by pthread_cleanup_pop(1))
   happen before the pthread_join that waits for the thread. */
#include "corpus.h"

int x;
int y;

static void add(void *arg) { x += (int)(long)arg; }
static void mark(void *arg) { y = (int)(long)arg; }

static void *worker(void *arg) {
  (void)arg;
  pthread_cleanup_push(add, (void *)1);
  pthread_cleanup_push(mark, (void *)7);
  pthread_cleanup_pop(1); /* runs mark now */
  x = 10;
  pthread_exit(NULL); /* runs add */
  pthread_cleanup_pop(0);
  return NULL;
}

int main(void) {
  pthread_t t = spawn(worker, NULL);
  join(t);
  return x == 11 && y == 7 ? 0 : 1;
}
