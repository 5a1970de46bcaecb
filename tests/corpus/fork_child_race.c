/* SPDX-License-Identifier: MIT */
// expect: race 15 24
/* The race happens in a forked child: the child's checker reports it and
   the child exits with the race status, which the parent passes on. */
#include <sys/wait.h>
#include <unistd.h>

#include "corpus.h"

int x;
static corpus_barrier bar;

static void *writer(void *arg) {
  (void)arg;
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

static int child(void) {
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(writer, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  join(t);
  return 0;
}

int main(void) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) return 3;
  if (pid == 0) exit(child());
  int st;
  if (waitpid(pid, &st, 0) != pid) return 3;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
