/* SPDX-License-Identifier: MIT */
// expect: race 17 26
// tsan: miss
/* strcat reads its destination up to the terminator and writes past it:
   a concurrent write to one of the characters it reads races. clang 14's
   and gcc 12's ThreadSanitizer do not report it. */
#include <string.h>

#include "corpus.h"

char path[64] = "/usr/local";
const char *volatile suffix = "/lib";
static corpus_barrier bar;

static void *renamer(void *arg) {
  (void)arg;
  path[2] = 'S'; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(renamer, NULL);
  invisible_barrier_wait(&bar);
  strcat(path, suffix); /* R2 */
  join(t);
  return 0;
}
