/* SPDX-License-Identifier: MIT */
/* Deadlock detection, as a user sees it: each program in deadlock/ is run
   as a child process; a deadlocked one must exit with status 2 and print
   "fatal error: all goroutines are asleep - deadlock!" followed, for each
   goroutine, by "goroutine N [what]:" and "\t<func>() at <file>:<line>".
   The expected lines are the ones marked "BLOCK <func>" in the sources. */
#include "rk_test.h"

#include <stdio.h>

#define DEADLOCK_LINE "fatal error: all goroutines are asleep - deadlock!"

typedef struct blocked {
  long goid;
  const char *what; /* chan send, chan receive, ... */
  const char *func; /* function named by the BLOCK marker */
  const char *go;   /* goroutines: the GO marker of the rk_go that made it */
} blocked;

typedef struct run {
  int status;
  char out[16384];
} run;

static void run_program(const char *name, run *r) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s/%s 2>&1", RKT_DEADLOCK_BIN_DIR, name);
  FILE *p = popen(cmd, "r");
  cr_assert_not_null(p, "popen %s", cmd);
  size_t n = fread(r->out, 1, sizeof r->out - 1, p);
  r->out[n] = '\0';
  r->status = pclose(p);
}

/* Line number of the "<kind> <func>" marker in deadlock/<name>.c. */
static int marker_line(const char *name, const char *kind, const char *func) {
  char path[1024], marker[128], line[512];
  snprintf(path, sizeof path, "%s/%s.c", RKT_DEADLOCK_SRC_DIR, name);
  snprintf(marker, sizeof marker, "/* %s %s */", kind, func);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "open %s", path);
  int no = 0, found = 0;
  while (fgets(line, sizeof line, f)) {
    no++;
    if (strstr(line, marker)) {
      found = no;
      break;
    }
  }
  fclose(f);
  cr_assert_gt(found, 0, "no marker '%s' in %s", marker, path);
  return found;
}

/* The line after "goroutine N [what]:" must be "\tfunc() at ...name.c:L";
   for a goroutine, the next one "created by main at ...name.c:L'". */
static void assert_blocked(const char *name, const run *r, blocked b) {
  char head[128], want_func[128], want_loc[256];
  snprintf(head, sizeof head, "goroutine %ld [%s]:\n", b.goid, b.what);
  const char *at = strstr(r->out, head);
  cr_assert_not_null(at, "%s: no line '%.*s' in:\n%s", name,
                     (int)strlen(head) - 1, head, r->out);
  const char *next = at + strlen(head);
  size_t len = strcspn(next, "\n");
  char got[512];
  snprintf(got, sizeof got, "%.*s", (int)len, next);
  snprintf(want_func, sizeof want_func, "\t%s() at ", b.func);
  snprintf(want_loc, sizeof want_loc, "/%s.c:%d", name, marker_line(name, "BLOCK", b.func));
  cr_assert(strncmp(got, want_func, strlen(want_func)) == 0,
            "%s: after '%.*s' expected '%s...', got '%s'", name,
            (int)strlen(head) - 1, head, want_func + 1, got);
  size_t gl = strlen(got), wl = strlen(want_loc);
  cr_assert(gl >= wl && strcmp(got + gl - wl, want_loc) == 0,
            "%s: expected the location to end in '%s', got '%s'", name,
            want_loc, got);
  if (!b.go)
    return;
  next += len + (next[len] == '\n');
  len = strcspn(next, "\n");
  snprintf(got, sizeof got, "%.*s", (int)len, next);
  snprintf(want_loc, sizeof want_loc, "/%s.c:%d", name, marker_line(name, "GO", b.go));
  gl = strlen(got);
  wl = strlen(want_loc);
  cr_assert(strncmp(got, "created by main at ", 19) == 0 && gl >= wl &&
                strcmp(got + gl - wl, want_loc) == 0,
            "%s: goroutine %ld: expected 'created by main at ...%s', got '%s'",
            name, b.goid, want_loc, got);
}

static void assert_deadlock(const char *name, const blocked *bs, size_t n) {
  run r;
  run_program(name, &r);
  cr_assert(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 2,
            "%s: expected exit status 2, got status 0x%x; output:\n%s", name,
            r.status, r.out);
  char first[256];
  cr_assert_str_eq(rkt_first_line(r.out, first, sizeof first), DEADLOCK_LINE,
                   "%s: output:\n%s", name, r.out);
  for (size_t i = 0; i < n; i++)
    assert_blocked(name, &r, bs[i]);
}

#define ASSERT_DEADLOCK(name, ...)                                             \
  do {                                                                         \
    const blocked bs[] = {__VA_ARGS__};                                        \
    assert_deadlock(name, bs, sizeof bs / sizeof bs[0]);                       \
  } while (0)

Test(deadlock, send_with_no_receiver, .timeout = 20) {
  ASSERT_DEADLOCK("send_no_receiver", {1, "chan send", "main", NULL});
}

Test(deadlock, receive_with_no_sender, .timeout = 20) {
  ASSERT_DEADLOCK("recv_no_sender", {1, "chan receive", "main", NULL});
}

Test(deadlock, waitgroup_never_done, .timeout = 20) {
  ASSERT_DEADLOCK("wg_never_done", {1, "WaitGroup.Wait", "main", NULL});
}

Test(deadlock, select_with_only_null_channels, .timeout = 20) {
  ASSERT_DEADLOCK("select_nil", {1, "select", "main", NULL});
}

Test(deadlock, select_with_no_cases, .timeout = 20) {
  ASSERT_DEADLOCK("select_empty", {1, "select (no cases)", "main", NULL});
}

Test(deadlock, two_goroutines_wait_for_each_other, .timeout = 20) {
  ASSERT_DEADLOCK("wait_each_other", {1, "WaitGroup.Wait", "main", NULL},
                  {2, "chan receive", "first", "first"},
                  {3, "chan receive", "second", "second"});
}

Test(deadlock, nil_channel_receive_and_send, .timeout = 20) {
  ASSERT_DEADLOCK("recv_nil", {1, "chan receive (nil chan)", "main", NULL},
                  {2, "chan send (nil chan)", "send_nil", "send_nil"});
}

Test(deadlock, rwmutex_writer_and_reader, .timeout = 20) {
  ASSERT_DEADLOCK("rwmutex_wait", {1, "RWMutex.Lock", "main", NULL},
                  {2, "RWMutex.RLock", "reader", "reader"});
}

Test(deadlock, mutex_locked_twice, .timeout = 20) {
  ASSERT_DEADLOCK("mutex_twice", {1, "Mutex.Lock", "main", NULL});
}

/* Not deadlocks: a plain pthread will send, a goroutine sleeps, a timer is
   pending. */
static void assert_no_deadlock(const char *name, const char *want_out) {
  run r;
  run_program(name, &r);
  cr_assert(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
            "%s: expected exit status 0, got status 0x%x; output:\n%s", name,
            r.status, r.out);
  cr_assert_str_eq(r.out, want_out, "%s", name);
}

Test(deadlock, pthread_sender_is_not_a_deadlock, .timeout = 20) {
  assert_no_deadlock("no_deadlock_pthread", "received 42\n");
}

Test(deadlock, goroutine_blocked_outside_racekit_is_not_a_deadlock, .timeout = 20) {
  assert_no_deadlock("no_deadlock_busy", "received 7\n");
}

Test(deadlock, sleeping_goroutine_and_timer_are_not_a_deadlock, .timeout = 20) {
  assert_no_deadlock("no_deadlock_sleep", "done\n");
}
