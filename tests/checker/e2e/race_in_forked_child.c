/* SPDX-License-Identifier: MIT */
/* expect: race 1 — a process with threads forks (as Criterion does for
   each test); the child, left with one thread, creates threads that race;
   the child reports and exits 66, the parent passes its status on. The
   parent's own run is race-free. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int counter;
int in_child;

static void *locked(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
    free(malloc(32));
  }
  return 0;
}

static void *racer(void *arg) {
  (void)arg;
  in_child++; /* RACE */
  return 0;
}

int main(void) {
  pthread_t bg;
  pthread_create(&bg, 0, locked, 0); /* runs, locks and allocates while we fork */
  pid_t pid = fork();
  if (pid == 0) {
    pthread_t t;
    free(malloc(100)); /* (the program's mutex may be held by bg: not used here) */
    pthread_create(&t, 0, racer, 0);
    in_child++; /* RACE */
    pthread_join(t, 0);
    exit(0);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  pthread_join(bg, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}
