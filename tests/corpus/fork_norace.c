/* SPDX-License-Identifier: MIT */
// expect: norace
/* A process with a finished thread forks; the child starts threads of its
   own and touches the same globals, properly joined. The child's memory
   is a copy: nothing it does races with the parent. */
#include <sys/wait.h>
#include <unistd.h>

#include "corpus.h"

int x;

static void *inc(void *arg) {
  (void)arg;
  x++;
  return NULL;
}

int main(void) {
  join(spawn(inc, NULL));
  pid_t pid = fork();
  if (pid < 0) return 3;
  if (pid == 0) {
    join(spawn(inc, NULL));
    join(spawn(inc, NULL));
    exit(x == 3 ? 0 : 1);
  }
  join(spawn(inc, NULL)); /* runs while the child runs: separate memory */
  int st;
  if (waitpid(pid, &st, 0) != pid) return 3;
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) return 1;
  return x == 2 ? 0 : 1;
}
