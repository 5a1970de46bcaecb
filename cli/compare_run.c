/* SPDX-License-Identifier: MIT */
/* `racekit compare`: building the program with racekit's checker and with
 * each compiler's ThreadSanitizer, running each build N times, and
 * collecting the reports, exit status, wall time and peak memory (wait4's
 * rusage of the child) of every run. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "compare.h"
#include "cli.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = rk__xmalloc((size_t)(n > 0 ? n : 0) + 1);
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}

/* Runs argv with stdin from /dev/null, stdout to out_path and stderr to
   err_path, env entries ("KEY=VALUE") set, and ASLR off (as racekit run
   does for ThreadSanitizer builds, for all tools alike). Fills r. Returns
   0, or -1 when it could not be started (errno). */
static int run_measured(char *const *argv, char *const *env, const char *out_path,
                        const char *err_path, int timeout_s, rk__cmp_run *r) {
  memset(r, 0, sizeof *r);
  fflush(stdout);
  fflush(stderr);
  int execp[2];
  if (pipe2(execp, O_CLOEXEC) != 0)
    return -1;
  double t0 = now_s();
  pid_t pid = fork();
  if (pid < 0) {
    close(execp[0]);
    close(execp[1]);
    return -1;
  }
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0)
      _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (char *const *e = env; e && *e; e++)
      putenv(*e);
    personality(ADDR_NO_RANDOMIZE);
    execvp(argv[0], argv);
    int e = errno;
    (void)!write(execp[1], &e, sizeof e);
    _exit(127);
  }
  close(execp[1]);
  int e = 0;
  ssize_t got;
  do
    got = read(execp[0], &e, sizeof e);
  while (got < 0 && errno == EINTR);
  close(execp[0]);

  /* Wait for the child, killing it at the deadline. A pidfd makes the wait
     exact; without one (old kernels) poll every millisecond. */
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  double deadline = t0 + timeout_s;
  int status = 0;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  for (;;) {
    pid_t w = wait4(pid, &status, WNOHANG, &ru);
    if (w == pid)
      break;
    if (w < 0 && errno != EINTR)
      break;
    double left = deadline - now_s();
    if (left <= 0 && !r->timed_out) {
      r->timed_out = true;
      kill(pid, SIGKILL);
      continue;
    }
    if (pidfd >= 0) {
      struct pollfd pf = {.fd = pidfd, .events = POLLIN};
      poll(&pf, 1, r->timed_out ? 100 : (int)(left * 1000) + 1);
    } else {
      struct timespec ts = {0, 1000000};
      nanosleep(&ts, NULL);
    }
  }
  r->wall_s = now_s() - t0;
  if (pidfd >= 0)
    close(pidfd);
  if (got == (ssize_t)sizeof e) {
    errno = e;
    return -1;
  }
  r->max_rss_kib = ru.ru_maxrss;
  if (WIFSIGNALED(status)) {
    r->signal = WTERMSIG(status);
    r->status = -1;
  } else {
    r->status = WEXITSTATUS(status);
  }
  return 0;
}

/* Reads a whole file; NULL when it cannot. */
static char *slurp(const char *path, size_t *len) {
  rk__buf b = {0};
  if (rk__buf_read_file(&b, path) != 0) {
    rk__buf_free(&b);
    return NULL;
  }
  *len = b.len;
  if (!b.data)
    b.data = rk__xstrdup("");
  return b.data;
}

/* The first line of text holding "error:", else its first non-empty line;
   at most 200 bytes, for a note. */
static char *first_line(const char *text) {
  const char *e = text ? strstr(text, "error:") : NULL;
  if (e) {
    while (e > text && e[-1] != '\n')
      e--;
    text = e;
  }
  while (text && (*text == '\n' || *text == ' '))
    text++;
  if (!text || !*text)
    return rk__xstrdup("(no output)");
  size_t n = strcspn(text, "\n");
  if (n > 200)
    n = 200;
  char *s = rk__xmalloc(n + 1);
  memcpy(s, text, n);
  s[n] = '\0';
  return s;
}

static void add_run(rk__cmp_tool *t, const rk__cmp_run *r) {
  t->runs = realloc(t->runs, (size_t)(t->nruns + 1) * sizeof *t->runs);
  if (!t->runs) {
    fputs("racekit: out of memory\n", stderr);
    exit(2);
  }
  t->runs[t->nruns++] = *r;
}

static void set_note(rk__cmp_tool *t, char *note) {
  free(t->note);
  t->note = note;
}

/* Builds with argv; on failure marks t failed with the compiler's first
   line of output. Returns 0 when built. */
static int build(rk__cmp_tool *t, rk__argv *argv, const rk__cmp_opts *o) {
  if (o->verbose)
    rk__print_cmd(stderr, argv->v);
  rk__proc p = {.argv = argv->v, .capture_out = true, .capture_err = true,
                .stdin_null = true, .timeout_ms = 300000};
  int rc = rk__proc_run(&p);
  if (rc != 0) {
    t->state = RK__CMP_FAILED;
    char *line = first_line(p.err.data && p.err.len ? p.err.data : p.out.data);
    if (rc < 0)
      set_note(t, xasprintf("build failed: cannot run %s: %s", argv->v[0],
                            strerror(p.exec_errno)));
    else
      set_note(t, xasprintf("build failed (exit %d): %s", rc, line));
    free(line);
  }
  rk__proc_free(&p);
  return rc == 0 ? 0 : -1;
}

/* Runs a built program o->runs times and parses each run's reports. */
static void run_tool(rk__cmp_tool *t, const char *dir, const char *exe, const rk__cmp_opts *o) {
  rk__argv argv = {0};
  rk__argv_add(&argv, exe);
  for (int i = 0; i < o->nargs; i++)
    rk__argv_add(&argv, o->args[i]);
  for (int k = 0; k < o->runs; k++) {
    char *out = xasprintf("%s/%s.%d.out", dir, t->name, k);
    char *err = xasprintf("%s/%s.%d.err", dir, t->name, k);
    char *rklog = xasprintf("%s/%s.%d.json", dir, t->name, k);
    char *env[2] = {NULL, NULL};
    if (t->is_racekit) {
      env[0] = xasprintf("RACEKIT_OPTIONS=%s%sformat=json:log_path=%s",
                         getenv("RACEKIT_OPTIONS") ? getenv("RACEKIT_OPTIONS") : "",
                         getenv("RACEKIT_OPTIONS") ? " " : "", rklog);
    } else {
      env[0] = xasprintf("TSAN_OPTIONS=%s%slog_path=stderr",
                         getenv("TSAN_OPTIONS") ? getenv("TSAN_OPTIONS") : "",
                         getenv("TSAN_OPTIONS") ? " " : "");
    }
    if (o->verbose) {
      fprintf(stderr, "%s ", env[0]);
      rk__print_cmd(stderr, argv.v);
    }
    rk__cmp_run r;
    if (run_measured(argv.v, env, out, err, o->timeout_s, &r) != 0) {
      t->state = RK__CMP_FAILED;
      set_note(t, xasprintf("cannot run %s: %s", exe, strerror(errno)));
      free(out), free(err), free(rklog), free(env[0]);
      break;
    }
    char msg[512] = "";
    int races = -1;
    if (t->is_racekit) {
      /* log_path=FILE writes FILE.<pid>: one file per process that
         reported (more when the program forks); read them all. */
      size_t len = 0;
      char *text = NULL;
      char *name = NULL;
      char pattern[PATH_MAX + 8];
      snprintf(pattern, sizeof pattern, "%s.*", rklog);
      glob_t g;
      if (glob(pattern, 0, NULL, &g) == 0) {
        rk__buf all = {0};
        for (size_t i = 0; i < g.gl_pathc; i++)
          rk__buf_read_file(&all, g.gl_pathv[i]);
        text = all.data ? all.data : rk__xstrdup("");
        len = all.len;
      }
      globfree(&g);
      if (text) {
        name = xasprintf("racekit log (run %d)", k + 1);
      } else {
        /* No log file: no race was reported, unless the checker wrote its
           reports to stderr after all (go or tsan format); program output
           on stderr is never taken for json. */
        text = slurp(err, &len);
        name = xasprintf("racekit stderr (run %d)", k + 1);
        if (text && !memmem(text, len, "WARNING: DATA RACE", 18) &&
            !memmem(text, len, "WARNING: ThreadSanitizer:", 25)) {
          if (r.status == 2 && strncmp(text, "racekit: ", 9) == 0 && !t->note)
            set_note(t, first_line(text));
          len = 0;
        }
      }
      rk__cmp_tool one = {0};
      races = rk__cmp_parse_racekit(&one, text ? text : "", len, name, msg, sizeof msg);
      if (races >= 0) {
        for (int i = 0; i < one.nraces; i++)
          rk__cmp_add_race(t, &one.races[i].a, &one.races[i].b);
      }
      for (int i = 0; i < one.nraces; i++) {
        free(one.races[i].a.file);
        free(one.races[i].b.file);
      }
      free(one.races);
      free(text);
      free(name);
    } else {
      size_t len = 0;
      char *text = slurp(err, &len);
      char *name = xasprintf("%s run %d", t->name, k + 1);
      rk_tsan_log log;
      int rc = rk_tsan_parse(text ? text : "", len, name, &log, msg, sizeof msg);
      races = rk__cmp_add_tsan_log(t, &log);
      if (rc != 0 && !t->note)
        set_note(t, xasprintf("%s", msg));
      else if (log.fatal && !t->note)
        set_note(t, xasprintf("run %d: %s", k + 1, log.fatal));
      if (rc != 0)
        races = -1;
      r.fatal = log.fatal != NULL;
      rk_tsan_log_free(&log);
      free(text);
      free(name);
    }
    if (races < 0 && t->is_racekit && !t->note)
      set_note(t, xasprintf("%s", msg));
    r.races = races < 0 ? 0 : races;
    if (r.signal && !r.timed_out && !t->note)
      set_note(t, xasprintf("run %d crashed: killed by signal %d (%s)", k + 1, r.signal,
                            strsignal(r.signal)));
    if (r.timed_out && !t->note)
      set_note(t, xasprintf("run %d timed out after %d s and was killed", k + 1, o->timeout_s));
    add_run(t, &r);
    free(out), free(err), free(rklog), free(env[0]);
  }
  rk__argv_free(&argv);
}

static void racekit_tool(rk__cmp *c, const char *dir, const rk__cmp_opts *o) {
  rk__cmp_tool *t = rk__cmp_tool_add(c, "racekit", true);
  char rt[PATH_MAX];
  snprintf(rt, sizeof rt, "%s/libracekit_rt.a", rk__libdir());
  if (!rk__file_exists(rt)) {
    t->state = RK__CMP_SKIPPED;
    set_note(t, xasprintf("not run: the checker runtime libracekit_rt.a is not built (not in %s)",
                          rk__libdir()));
    return;
  }
  char *exe = xasprintf("%s/prog-racekit", dir);
  rk__argv argv = {0};
  rk__argv_add(&argv, rk_self_exe());
  rk__argv_add(&argv, "cc");
  rk__argv_add(&argv, "-g");
  rk__argv_add(&argv, "-O1");
  rk__argv_add(&argv, "-o");
  rk__argv_add(&argv, exe);
  for (int i = 0; i < o->nfiles; i++)
    rk__argv_add(&argv, o->files[i]);
  if (build(t, &argv, o) == 0)
    run_tool(t, dir, exe, o);
  rk__argv_free(&argv);
  free(exe);
}

static void tsan_tool(rk__cmp *c, const char *dir, const char *compiler, const rk__cmp_opts *o) {
  char *name = xasprintf("%s-tsan", rk__basename(compiler));
  rk__cmp_tool *t = rk__cmp_tool_add(c, name, false);
  free(name);
  char path[PATH_MAX];
  if (!rk__which(compiler, path, sizeof path)) {
    t->state = RK__CMP_SKIPPED;
    set_note(t, xasprintf("skipped: %s is not installed", compiler));
    return;
  }
  char *exe = xasprintf("%s/prog-%s", dir, t->name);
  char lib[PATH_MAX];
  snprintf(lib, sizeof lib, "%s/libracekit.a", rk__libdir());
  rk__argv argv = {0};
  rk__argv_add(&argv, path);
  rk__argv_add(&argv, "-fsanitize=thread");
  rk__argv_add(&argv, "-g");
  rk__argv_add(&argv, "-O1");
  rk__argv_add(&argv, "-o");
  rk__argv_add(&argv, exe);
  for (int i = 0; i < o->nfiles; i++)
    rk__argv_add(&argv, o->files[i]);
  rk__argv_addf(&argv, "-I%s", rk__includedir());
  if (rk__file_exists(lib))
    rk__argv_add(&argv, lib);
  rk__argv_add(&argv, "-lpthread");
  if (build(t, &argv, o) == 0)
    run_tool(t, dir, exe, o);
  rk__argv_free(&argv);
  free(exe);
}

int rk__cmp_run_all(rk__cmp *c, const rk__cmp_opts *o) {
  char dir[PATH_MAX];
  if (rk__tmpdir_make(dir, sizeof dir) != 0)
    return -1;
  racekit_tool(c, dir, o);
  for (int i = 0; i < o->ncompilers; i++)
    tsan_tool(c, dir, o->compilers[i], o);
  rk__rmtree(dir);
  return 0;
}
