/* SPDX-License-Identifier: MIT */
/* measure OUT PROGRAM [ARGS...]: run PROGRAM and write "SECONDS MAXRSS_KB
 * STATUS" to the file OUT: wall-clock time (monotonic clock), the child's
 * peak resident set from wait4(), and its exit status (128+signal if it
 * was killed). PROGRAM's own output passes through. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: measure OUT PROGRAM [ARGS...]\n");
    return 2;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("measure: fork");
    return 2;
  }
  if (pid == 0) {
    execv(argv[2], argv + 2);
    perror("measure: exec");
    _exit(127);
  }
  int st;
  struct rusage ru;
  if (wait4(pid, &st, 0, &ru) != pid) {
    perror("measure: wait4");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  FILE *out = fopen(argv[1], "w");
  if (!out) {
    perror("measure: open OUT");
    return 2;
  }
  fprintf(out, "%.4f %ld %d\n", secs, ru.ru_maxrss, status);
  fclose(out);
  return 0;
}
