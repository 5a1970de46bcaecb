/* SPDX-License-Identifier: MIT */
/* Child processes of the racekit command (the compiler, the user's program),
 * PATH lookup and temporary directories. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child: set up and exec; on failure report errno through errfd. */
static void child(rk__proc *p, int outfd, int errfd_cap, int execfd) {
  signal(SIGINT, SIG_DFL);
  signal(SIGQUIT, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  if (p->stdin_null) {
    int fd = open("/dev/null", O_RDONLY);
    if (fd >= 0) {
      dup2(fd, 0);
      close(fd);
    }
  }
  if (outfd >= 0) {
    dup2(outfd, 1);
    close(outfd);
  }
  if (errfd_cap >= 0) {
    dup2(errfd_cap, 2);
    close(errfd_cap);
  }
  if (p->setenv) {
    for (char *const *e = p->setenv; *e; e++) {
      const char *eq = strchr(*e, '=');
      if (!eq)
        continue;
      char key[256];
      size_t k = (size_t)(eq - *e);
      if (k >= sizeof key)
        continue;
      memcpy(key, *e, k);
      key[k] = '\0';
      setenv(key, eq + 1, 1);
    }
  }
  if (p->no_aslr)
    personality(ADDR_NO_RANDOMIZE);
  if (p->cwd && chdir(p->cwd) != 0) {
    int e = errno;
    (void)!write(execfd, &e, sizeof e);
    _exit(127);
  }
  execvp(p->argv[0], p->argv);
  int e = errno;
  (void)!write(execfd, &e, sizeof e);
  _exit(127);
}

int rk__proc_run(rk__proc *p) {
  int outp[2] = {-1, -1}, errp[2] = {-1, -1}, execp[2];
  p->status = -1;
  p->signal = 0;
  p->timed_out = false;
  p->exec_errno = 0;
  fflush(stdout);
  fflush(stderr);
  if (pipe2(execp, O_CLOEXEC) != 0)
    return p->exec_errno = errno, -1;
  if (p->capture_out && pipe2(outp, O_CLOEXEC) != 0)
    goto fail_pipes;
  if (p->capture_err && pipe2(errp, O_CLOEXEC) != 0)
    goto fail_pipes;

  struct sigaction ign = {.sa_handler = SIG_IGN}, old_int, old_quit;
  sigemptyset(&ign.sa_mask);
  sigaction(SIGINT, &ign, &old_int);
  sigaction(SIGQUIT, &ign, &old_quit);

  pid_t pid = fork();
  if (pid < 0) {
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    goto fail_pipes;
  }
  if (pid == 0)
    child(p, outp[1], errp[1], execp[1]);

  close(execp[1]);
  if (outp[1] >= 0)
    close(outp[1]);
  if (errp[1] >= 0)
    close(errp[1]);

  int e = 0;
  ssize_t got;
  do
    got = read(execp[0], &e, sizeof e);
  while (got < 0 && errno == EINTR);
  close(execp[0]);
  if (got == (ssize_t)sizeof e)
    p->exec_errno = e;

  /* Collect output until both pipes close, killing the child at the
     deadline. */
  long long deadline = p->timeout_ms > 0 ? now_ms() + p->timeout_ms : 0;
  int fds[2] = {outp[0], errp[0]};
  rk__buf *bufs[2] = {&p->out, &p->err};
  for (;;) {
    struct pollfd pf[2];
    int n = 0, which[2];
    for (int i = 0; i < 2; i++)
      if (fds[i] >= 0) {
        pf[n].fd = fds[i];
        pf[n].events = POLLIN;
        which[n++] = i;
      }
    if (n == 0)
      break;
    int wait_ms = -1;
    if (deadline) {
      long long left = deadline - now_ms();
      if (left <= 0) {
        if (p->timed_out) { /* drained long enough: a grandchild holds the pipe */
          for (int i = 0; i < 2; i++)
            if (fds[i] >= 0)
              close(fds[i]);
          break;
        }
        p->timed_out = true;
        kill(pid, SIGKILL);
        left = 1000; /* drain what is left; the pipes close soon */
        deadline = now_ms() + left;
      }
      wait_ms = (int)left;
    }
    int r = poll(pf, (nfds_t)n, wait_ms);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      break;
    for (int j = 0; j < n; j++) {
      if (!(pf[j].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      char chunk[4096];
      ssize_t k = read(pf[j].fd, chunk, sizeof chunk);
      if (k > 0) {
        rk__buf_add(bufs[which[j]], chunk, (size_t)k);
      } else if (k == 0 || errno != EINTR) {
        close(pf[j].fd);
        fds[which[j]] = -1;
      }
    }
  }

  /* Without captured pipes, the deadline is enforced here. */
  int st = 0;
  for (;;) {
    pid_t w = waitpid(pid, &st, deadline ? WNOHANG : 0);
    if (w == pid)
      break;
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0)
      break;
    if (now_ms() >= deadline && !p->timed_out) {
      p->timed_out = true;
      kill(pid, SIGKILL);
    }
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGQUIT, &old_quit, NULL);

  if (p->exec_errno)
    return -1;
  if (WIFEXITED(st)) {
    p->status = WEXITSTATUS(st);
  } else if (WIFSIGNALED(st)) {
    p->signal = WTERMSIG(st);
    p->status = 128 + p->signal;
  }
  return p->status;

fail_pipes:
  p->exec_errno = errno;
  for (int i = 0; i < 2; i++) {
    if (outp[i] >= 0)
      close(outp[i]);
    if (errp[i] >= 0)
      close(errp[i]);
    close(execp[i]);
  }
  return -1;
}

void rk__proc_free(rk__proc *p) {
  rk__buf_free(&p->out);
  rk__buf_free(&p->err);
}

static bool needs_quotes(const char *s) {
  if (!*s)
    return true;
  for (; *s; s++)
    if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=,:+@%", *s))
      return true;
  return false;
}

void rk__print_cmd(FILE *f, char *const *argv) {
  for (int i = 0; argv[i]; i++) {
    if (i)
      fputc(' ', f);
    if (!needs_quotes(argv[i])) {
      fputs(argv[i], f);
      continue;
    }
    fputc('\'', f);
    for (const char *s = argv[i]; *s; s++) {
      if (*s == '\'')
        fputs("'\\''", f);
      else
        fputc(*s, f);
    }
    fputc('\'', f);
  }
  fputc('\n', f);
}

bool rk__which(const char *name, char *buf, size_t n) {
  if (strchr(name, '/')) {
    snprintf(buf, n, "%s", name);
    return access(name, X_OK) == 0 && rk__file_exists(name);
  }
  const char *path = getenv("PATH");
  if (!path || !*path)
    path = "/usr/local/bin:/usr/bin:/bin";
  while (*path) {
    const char *colon = strchr(path, ':');
    size_t len = colon ? (size_t)(colon - path) : strlen(path);
    snprintf(buf, n, "%.*s/%s", (int)len, len ? path : ".", name);
    if (access(buf, X_OK) == 0 && rk__file_exists(buf))
      return true;
    path += len;
    if (*path == ':')
      path++;
  }
  return false;
}

int rk__tmpdir_make(char *buf, size_t n) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp)
    tmp = "/tmp";
  snprintf(buf, n, "%s/racekit-XXXXXX", tmp);
  if (!mkdtemp(buf)) {
    fprintf(stderr, "racekit: cannot create a temporary directory in %s: %s\n", tmp,
            strerror(errno));
    return -1;
  }
  return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  if (flag == FTW_DP || flag == FTW_D)
    rmdir(path);
  else
    unlink(path);
  return 0;
}

void rk__rmtree(const char *path) {
  nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
