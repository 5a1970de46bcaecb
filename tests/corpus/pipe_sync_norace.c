/* SPDX-License-Identifier: MIT */
// expect: norace
/* A byte written to a pipe is read by the other thread only after the
   write: ThreadSanitizer treats write() -> read() on a file descriptor as
   a happens-before edge, and programs hand work over this way. */
#include <unistd.h>

#include "corpus.h"

int data;
static int fds[2];

static void *producer(void *arg) {
  (void)arg;
  data = 42;
  char c = 1;
  if (write(fds[1], &c, 1) != 1) exit(3);
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0) return 3;
  pthread_t t = spawn(producer, NULL);
  char c;
  if (read(fds[0], &c, 1) != 1) return 3;
  int got = data;
  join(t);
  return got == 42 ? 0 : 1;
}
