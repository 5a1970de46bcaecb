/* SPDX-License-Identifier: MIT */
// expect: race 17 27
/* read() writes the buffer it fills: a concurrent read of that buffer by
   another thread races with it (ThreadSanitizer intercepts read()). */
#include <fcntl.h>
#include <unistd.h>

#include "corpus.h"

char buf[64];
int sink;
static corpus_barrier bar;

static void *filler(void *arg) {
  (void)arg;
  int fd = open("/dev/zero", O_RDONLY);
  if (fd < 0 || read(fd, buf, sizeof buf) != (ssize_t)sizeof buf) exit(3); /* R1 */
  close(fd);
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(filler, NULL);
  invisible_barrier_wait(&bar);
  sink = buf[10]; /* R2 */
  join(t);
  return 0;
}
