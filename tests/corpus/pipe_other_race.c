/* SPDX-License-Identifier: MIT */
// expect: race 25 40
/* Two pipes: the producer writes data, then a byte into pipe a; later main
   reads a byte from pipe b, which another thread wrote. Only the pipe that
   carried a byte orders its two ends: main's read of data races with the
   producer's write: a checker that made every descriptor one sync object
   would miss it. (clang's and gcc's ThreadSanitizer report it too.)  */
#include <unistd.h>

#include "corpus.h"

int data;
static int a[2], b[2];
static corpus_barrier bar;

static void *other(void *arg) {
  (void)arg;
  char c = 1;
  if (write(b[1], &c, 1) != 1) exit(3);
  return NULL;
}

static void *producer(void *arg) {
  (void)arg;
  data = 42; /* R1 */
  char c = 2;
  if (write(a[1], &c, 1) != 1) exit(3);
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  if (pipe(a) != 0 || pipe(b) != 0) return 3;
  invisible_barrier_init(&bar, 2);
  pthread_t p = spawn(producer, NULL);
  invisible_barrier_wait(&bar); /* data and a's byte are written */
  pthread_t o = spawn(other, NULL);
  char c;
  if (read(b[0], &c, 1) != 1) return 3;
  int got = data; /* R2 */
  join(o);
  join(p);
  return got == 42 ? 0 : 1;
}
