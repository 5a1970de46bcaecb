/* SPDX-License-Identifier: MIT */
// expect: race 34 42
/* main ends with pthread_exit while its threads run on; the process ends
   when the last of them calls exit(). Their race must still be reported
   with both stacks. The first thread waits until the main thread is gone
   (a zombie in /proc) before racing, so the report is made after main's
   exit every time. (/proc/<pid> of a process whose main thread has
   exited lists no mappings: the checker reads the reporting thread's.)
   clang 14's ThreadSanitizer agrees; gcc 12's reports the race without
   source lines. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"

int x;
static corpus_barrier bar;
static int pid;

static int main_gone(void) {
  char path[64], buf[256];
  snprintf(path, sizeof path, "/proc/%d/task/%d/stat", pid, pid);
  FILE *f = fopen(path, "r");
  if (!f) return 1;
  int gone = fgets(buf, sizeof buf, f) && strstr(buf, ") Z ") != NULL;
  fclose(f);
  return gone;
}

static void *first(void *arg) {
  (void)arg;
  while (!main_gone()) usleep(1000);
  x = 1; /* R1 */
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  exit(0); /* a returning last thread would hang ThreadSanitizer's runtime */
}

int main(void) {
  pid = getpid();
  invisible_barrier_init(&bar, 2);
  spawn(first, NULL);
  spawn(second, NULL);
  pthread_exit(NULL);
}
