/* SPDX-License-Identifier: MIT */
// expect: race 15 24
/* strlen reads the string up to its terminator: a concurrent write to one
   of those characters races. */
#include <string.h>

#include "corpus.h"

char name[32] = "racekit corpus";
size_t len;
static corpus_barrier bar;

static void *renamer(void *arg) {
  (void)arg;
  name[3] = 'E'; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(renamer, NULL);
  invisible_barrier_wait(&bar);
  len = strlen(name); /* R2 */
  join(t);
  return 0;
}
