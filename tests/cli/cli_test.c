/* SPDX-License-Identifier: MIT */
/* Helpers of the racekit command's tests (see cli_test.h). */
#include "cli_test.h"

#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct grow {
  char *p;
  size_t n, cap;
} grow;

static void grow_add(grow *g, const char *s, size_t n) {
  if (g->n + n + 1 > g->cap) {
    g->cap = (g->n + n + 1) * 2;
    g->p = realloc(g->p, g->cap);
    cr_assert(g->p);
  }
  memcpy(g->p + g->n, s, n);
  g->n += n;
  g->p[g->n] = '\0';
}

void rkt_run(rkt_result *r, const char *const *env, const char *cwd, const char *const *argv) {
  int out[2], err[2];
  cr_assert(pipe(out) == 0 && pipe(err) == 0);
  fflush(NULL);
  pid_t pid = fork();
  cr_assert(pid >= 0);
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(out[1]);
    close(err[0]);
    close(err[1]);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    static const char *const clear[] = {"NO_COLOR", "RACEKIT_CC", "RACEKIT_OPTIONS",
                                        "RACEKIT_LIBDIR", "RACEKIT_DEMOS_DIR", NULL};
    for (int i = 0; clear[i]; i++)
      unsetenv(clear[i]);
    for (int i = 0; env && env[i]; i++) {
      const char *eq = strchr(env[i], '=');
      if (!eq) {
        unsetenv(env[i]);
        continue;
      }
      char key[128];
      snprintf(key, sizeof key, "%.*s", (int)(eq - env[i]), env[i]);
      setenv(key, eq + 1, 1);
    }
    if (cwd && chdir(cwd) != 0)
      _exit(126);
    execvp(argv[0], (char *const *)argv);
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  grow g[2] = {{0}, {0}};
  grow_add(&g[0], "", 0);
  grow_add(&g[1], "", 0);
  struct pollfd pf[2] = {{.fd = out[0], .events = POLLIN}, {.fd = err[0], .events = POLLIN}};
  int open_fds = 2;
  time_t deadline = time(NULL) + 120;
  while (open_fds > 0) {
    int n = poll(pf, 2, 1000);
    if (time(NULL) > deadline) {
      kill(pid, SIGKILL);
      cr_assert_fail("%s did not finish within 120 s", argv[0]);
    }
    if (n <= 0)
      continue;
    for (int i = 0; i < 2; i++) {
      if (pf[i].fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      char buf[4096];
      ssize_t k = read(pf[i].fd, buf, sizeof buf);
      if (k > 0) {
        grow_add(&g[i], buf, (size_t)k);
      } else if (k == 0 || errno != EINTR) {
        close(pf[i].fd);
        pf[i].fd = -1;
        open_fds--;
      }
    }
  }
  int st;
  cr_assert(waitpid(pid, &st, 0) == pid);
  r->out = g[0].p;
  r->err = g[1].p;
  r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void rkt_result_free(rkt_result *r) {
  free(r->out);
  free(r->err);
}

char *rkt_tmpdir(void) {
  const char *tmp = getenv("TMPDIR");
  char *d = rkt_fmt("%s/racekit-clitest-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  cr_assert(mkdtemp(d), "mkdtemp: %s", strerror(errno));
  return d;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void rkt_rmtree(const char *dir) {
  nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void rkt_write(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert(f, "cannot write %s", path);
  fputs(text, f);
  fclose(f);
}

char *rkt_read(const char *path, long *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  grow g = {0};
  grow_add(&g, "", 0);
  char buf[4096];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, f)) > 0)
    grow_add(&g, buf, k);
  fclose(f);
  if (len)
    *len = (long)g.n;
  return g.p;
}

bool rkt_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

int rkt_count_entries(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
      n++;
  closedir(d);
  return n;
}

char *rkt_fmt(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = NULL;
  cr_assert(vasprintf(&s, fmt, ap) >= 0);
  va_end(ap);
  return s;
}

char *rkt_line(const char *text, int n) {
  for (int i = 1; i < n && text; i++) {
    text = strchr(text, '\n');
    if (text)
      text++;
  }
  if (!text || !*text)
    return NULL;
  size_t len = strcspn(text, "\n");
  char *s = malloc(len + 1);
  memcpy(s, text, len);
  s[len] = '\0';
  return s;
}
