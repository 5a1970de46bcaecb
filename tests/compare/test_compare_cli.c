/* SPDX-License-Identifier: MIT */
/* `racekit compare` as a user runs it: on saved logs (exact output in every
 * format), its error messages and exit codes, and end to end on the
 * programs in tests/compare/programs/ and on a demo, asserting the table
 * row by row. The racekit column is expected to hold racekit's verdict when
 * the checker runtime is built (build/lib/libracekit_rt.a) and "n/a" with a
 * note while it is not. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#if !defined(RK_RACEKIT_EXE) || !defined(RK_COMPARE_DIR) || !defined(RK_LIBDIR) || \
    !defined(RK_DEMOS_DIR)
#error "RK_RACEKIT_EXE, RK_COMPARE_DIR, RK_LIBDIR and RK_DEMOS_DIR must be defined"
#endif

extern char **environ;

typedef struct result {
  int status;
  char *out, *err;
} result;

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "cannot open %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

/* A mkstemp/mkdtemp template in the temporary directory ($TMPDIR). */
static void tmp_template(char *buf, size_t n, const char *name) {
  const char *dir = getenv("TMPDIR");
  snprintf(buf, n, "%s/%s", dir && *dir ? dir : P_tmpdir, name);
}

/* Runs racekit with args (NULL-terminated), in RK_COMPARE_DIR. */
static result racekit(const char *arg, ...) {
  const char *argv[64] = {RK_RACEKIT_EXE};
  int n = 1;
  va_list ap;
  va_start(ap, arg);
  for (const char *a = arg; a; a = va_arg(ap, const char *))
    argv[n++] = a;
  va_end(ap);
  argv[n] = NULL;

  char dir[512];
  tmp_template(dir, sizeof dir, "rk-compare-test-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
  char out[600], err[600];
  snprintf(out, sizeof out, "%s/out", dir);
  snprintf(err, sizeof err, "%s/err", dir);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addchdir_np(&fa, RK_COMPARE_DIR);
  pid_t pid;
  cr_assert_eq(posix_spawn(&pid, RK_RACEKIT_EXE, &fa, NULL, (char **)argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  int st;
  cr_assert_eq(waitpid(pid, &st, 0), pid);
  result r = {.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st),
              .out = slurp(out), .err = slurp(err)};
  unlink(out);
  unlink(err);
  rmdir(dir);
  return r;
}

static void result_free(result *r) {
  free(r->out);
  free(r->err);
}

static bool runtime_built(void) {
  struct stat st;
  return stat(RK_LIBDIR "/libracekit_rt.a", &st) == 0;
}

/* ------------------------------------------------------------ saved logs */

Test(compare_logs, table_of_two_tsan_logs, .timeout = 30) {
  result r = racekit("compare", "--tsan-log", "logs/two_races.clang.log", "--tsan-log",
                     "logs/two_races.gcc.log", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.err, "");
  /* counter++ is a read and a write: clang reported write/write, gcc
     read/write, so the same place is two rows. */
  cr_assert_str_eq(r.out,
                   "racekit compare: logs/two_races.clang.log, logs/two_races.gcc.log\n"
                   "\n"
                   "race                                         two_races.clang.log  two_races.gcc.log\n"
                   "read two_races.c:18 / write two_races.c:18   \xe2\x80\x94                    found\n"
                   "write two_races.c:18 / write two_races.c:18  found                \xe2\x80\x94\n"
                   "write two_races.c:25 / read two_races.c:41   found                found\n"
                   "\n"
                   "found by all: 1\n"
                   "only by racekit: n/a (racekit did not run)\n"
                   "only by a ThreadSanitizer build: n/a (racekit did not run)\n"
                   "counting rows that differ only in access kinds as one (x++ is a read and a write):\n"
                   "  found by all: 2\n");
  result_free(&r);
}

Test(compare_logs, markdown_lists_reports_that_are_not_races, .timeout = 30) {
  result r = racekit("compare", "--tsan-log", "logs/not_races.gcc.log", "--format", "markdown",
                     NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "**racekit compare: logs/not_races.gcc.log**\n"
                   "\n"
                   "| race | not_races.gcc.log |\n"
                   "|---|---|\n"
                   "| `write not_races.c:32` / `write not_races.c:73` | found |\n"
                   "\n"
                   "- found by all: 1\n"
                   "- only by racekit: n/a (racekit did not run)\n"
                   "- only by a ThreadSanitizer build: n/a (racekit did not run)\n"
                   "\n"
                   "Other reports (not data races):\n"
                   "\n"
                   "- not_races.gcc.log: lock-order-inversion (potential deadlock) at `not_races.c:43`\n"
                   "- not_races.gcc.log: unlock of an unlocked mutex (or by a wrong thread) at `not_races.c:54`\n"
                   "- not_races.gcc.log: destroy of a locked mutex at `not_races.c:61`\n"
                   "- not_races.gcc.log: signal-unsafe call inside of a signal at `not_races.c:20`\n"
                   "- not_races.gcc.log: signal-unsafe call inside of a signal at `not_races.c:21`\n"
                   "- not_races.gcc.log: heap-use-after-free at `not_races.c:36`\n"
                   "- not_races.gcc.log: thread leak at `not_races.c:81`\n");
  result_free(&r);
}

Test(compare_logs, json_object, .timeout = 30) {
  result r = racekit("compare", "--format", "json", "--tsan-log", "logs/lost_stack.gcc.log",
                     "--tsan-log", "logs/lost_stack.clang.log", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(
      r.out,
      "{\n"
      "  \"version\": 1,\n"
      "  \"subject\": \"logs/lost_stack.gcc.log, logs/lost_stack.clang.log\",\n"
      "  \"runs_per_build\": 0,\n"
      "  \"tools\": [\n"
      "    {\"name\": \"lost_stack.gcc.log\", \"racekit\": false, \"status\": \"ok\", \"note\": null, \"races\": 1,\n"
      "     \"runs\": [],\n"
      "     \"median_wall_s\": 0.000000, \"max_rss_kib\": 0, \"crashes\": 0, \"timeouts\": 0,\n"
      "     \"other_reports\": []},\n"
      "    {\"name\": \"lost_stack.clang.log\", \"racekit\": false, \"status\": \"ok\", \"note\": null, \"races\": 0,\n"
      "     \"runs\": [],\n"
      "     \"median_wall_s\": 0.000000, \"max_rss_kib\": 0, \"crashes\": 0, \"timeouts\": 0,\n"
      "     \"other_reports\": []}\n"
      "  ],\n"
      "  \"races\": [\n"
      "    {\"race\": \"write ? / write lost_stack.c:37\", \"accesses\": [{\"kind\": \"write\", \"atomic\": false, \"file\": \"?\", \"line\": 0}, {\"kind\": \"write\", \"atomic\": false, \"file\": \"lost_stack.c\", \"line\": 37}],\n"
      "     \"found_by\": [\"lost_stack.gcc.log\"]}\n"
      "  ],\n"
      "  \"summary\": {\"races\": 1, \"found_by_all\": 0, \"only_racekit\": null, \"only_tsan\": null, \"racekit_and_some_tsan\": null,\n"
      "              \"by_lines\": {\"line_pairs\": 1, \"found_by_all\": 0, \"only_racekit\": null, \"only_tsan\": null, \"racekit_and_some_tsan\": null}}\n"
      "}\n");
  result_free(&r);
}

Test(compare_logs, racekit_go_log_against_tsan_logs, .timeout = 30) {
  /* racekit's default (go) format, captured from logs/src/two_races.c. */
  result r = racekit("compare", "--tsan-log", "logs/two_races.clang.log", "--tsan-log",
                     "logs/two_races.gcc.log", "--racekit-log", "logs/racekit/two_races.go.log",
                     NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "racekit compare: logs/racekit/two_races.go.log, logs/two_races.clang.log, "
                   "logs/two_races.gcc.log\n"
                   "\n"
                   "race                                         racekit  two_races.clang.log  two_races.gcc.log\n"
                   "read two_races.c:18 / write two_races.c:18   \xe2\x80\x94        \xe2\x80\x94                    found\n"
                   "write two_races.c:18 / write two_races.c:18  found    found                \xe2\x80\x94\n"
                   "write two_races.c:25 / read two_races.c:41   found    found                found\n"
                   "\n"
                   "found by all: 1\n"
                   "only by racekit: 0\n"
                   "only by a ThreadSanitizer build: 1\n"
                   "by racekit and some, not all, ThreadSanitizer builds: 1\n"
                   "counting rows that differ only in access kinds as one (x++ is a read and a write):\n"
                   "  found by all: 2, only by racekit: 0, only by a ThreadSanitizer build: 0\n");
  result_free(&r);
}

Test(compare_logs, racekit_json_log, .timeout = 30) {
  /* racekit's format=json (JSON Lines, schema 1, docs/REPORTS.md) captured
     from logs/src/two_races.c, with its closing summary line. */
  result r = racekit("compare", "--tsan-log", "logs/two_races.clang.log", "--racekit-log",
                     "logs/racekit/two_races.json", "--format", "markdown", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "**racekit compare: logs/racekit/two_races.json, logs/two_races.clang.log**\n"
                   "\n"
                   "| race | racekit | two_races.clang.log |\n"
                   "|---|---|---|\n"
                   "| `write two_races.c:18` / `write two_races.c:18` | found | found |\n"
                   "| `write two_races.c:25` / `read two_races.c:41` | found | found |\n"
                   "\n"
                   "- found by all: 2\n"
                   "- only by racekit: 0\n"
                   "- only by a ThreadSanitizer build: 0\n");
  result_free(&r);
}

Test(compare_logs, corrupt_racekit_json_names_the_line, .timeout = 30) {
  char path[512];
  tmp_template(path, sizeof path, "rk-compare-json-XXXXXX");
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  const char *text = "{\"schema\":1,\"type\":\"data-race\"\n,\"access\":[}\n";
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  result r = racekit("compare", "--racekit-log", path, NULL);
  char want[1024];
  snprintf(want, sizeof want, "racekit: compare: %s:2: unexpected character\n", path);
  cr_assert_eq(r.status, 2);
  cr_assert_str_eq(r.err, want);
  unlink(path);
  result_free(&r);
}

Test(compare_logs, truncated_log_is_one_line_naming_it, .timeout = 30) {
  char path[512];
  tmp_template(path, sizeof path, "rk-compare-trunc-XXXXXX");
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  char *full = slurp(RK_COMPARE_DIR "/logs/not_races.clang.log");
  /* Keep the first 40 lines: report 3 (line 34) is cut. */
  char *p = full;
  for (int i = 0; i < 40; i++)
    p = strchr(p, '\n') + 1;
  cr_assert_eq(write(fd, full, (size_t)(p - full)), p - full);
  close(fd);
  result r = racekit("compare", "--tsan-log", path, NULL);
  char want[1024];
  snprintf(want, sizeof want, "racekit: compare: %s:34: report truncated (no end marker)\n", path);
  cr_assert_eq(r.status, 2);
  cr_assert_str_eq(r.err, want);
  cr_assert_str_eq(r.out, "");
  unlink(path);
  free(full);
  result_free(&r);
}

/* ---------------------------------------------------------------- usage */

static void expect_usage_error(const char *want, const char *a1, const char *a2, const char *a3) {
  result r = racekit("compare", a1, a2, a3, NULL);
  cr_assert_eq(r.status, 2, "%s %s: exit %d", a1 ? a1 : "", a2 ? a2 : "", r.status);
  cr_assert_str_eq(r.err, want);
  cr_assert_str_eq(r.out, "");
  result_free(&r);
}

Test(compare_usage, errors_are_one_line_and_exit_2, .timeout = 30) {
  expect_usage_error("racekit: compare: no program given (FILE.c... or a demo name; try racekit "
                     "compare --help)\n",
                     NULL, NULL, NULL);
  expect_usage_error("racekit: compare: unknown option '--bogus' (try racekit compare --help)\n",
                     "programs/both.c", "--bogus", NULL);
  expect_usage_error(
      "racekit: compare: bad value '0' for --runs (expected a number from 1 to 1000)\n",
      "programs/both.c", "--runs", "0");
  expect_usage_error(
      "racekit: compare: bad value 'xml' for --format (expected table, json or markdown)\n",
      "programs/both.c", "--format", "xml");
  expect_usage_error("racekit: compare: option '--runs' needs a value\n", "programs/both.c",
                     "--runs", NULL);
  expect_usage_error("racekit: compare: --fixed applies to a demo name, not to files\n",
                     "programs/both.c", "--fixed", NULL);
  expect_usage_error("racekit: compare: no such file 'programs/nope.c'\n", "programs/nope.c",
                     NULL, NULL);
  expect_usage_error("racekit: compare: cannot read 'logs/nope.log': No such file or directory\n",
                     "--tsan-log", "logs/nope.log", NULL);
  expect_usage_error("racekit: compare: give either a program (FILE.c... or a demo) or "
                     "--tsan-log/--racekit-log, not both\n",
                     "programs/both.c", "--tsan-log", "logs/two_races.gcc.log");
}

Test(compare_usage, help, .timeout = 30) {
  result r = racekit("compare", "--help", NULL);
  cr_assert_eq(r.status, 0);
  cr_assert(strncmp(r.out, "usage: racekit compare FILE.c... | DEMO", 39) == 0, "%s", r.out);
  cr_assert_str_eq(r.err, "");
  result_free(&r);
}

/* ------------------------------------------------------------ end to end */

/* The lines of the race table (header excluded) and everything after it,
   with runs of spaces collapsed, checked against want (NULL-terminated). */
static void expect_rows(const result *r, const char *const *want) {
  const char *p = strstr(r->out, "\nrace ");
  cr_assert_not_null(p, "no table in:\n%s\nstderr:\n%s", r->out, r->err);
  p = strchr(p + 1, '\n') + 1;
  int i = 0;
  while (*p && *p != '\n') {
    const char *e = strchr(p, '\n');
    char line[512];
    size_t n = 0;
    for (const char *c = p; c < e && n + 1 < sizeof line; c++)
      if (!(*c == ' ' && n > 0 && line[n - 1] == ' '))
        line[n++] = *c;
    while (n > 0 && line[n - 1] == ' ')
      n--;
    line[n] = '\0';
    if (strcmp(line, "(no data races)") == 0)
      break;
    cr_assert_not_null(want[i], "unexpected row '%s' in:\n%s", line, r->out);
    cr_assert_str_eq(line, want[i], "row %d in:\n%s", i + 1, r->out);
    i++;
    p = e + 1;
  }
  cr_assert_null(want[i], "missing row '%s' in:\n%s", want[i], r->out);
}

static void expect_line(const result *r, const char *line) {
  cr_assert_not_null(strstr(r->out, line), "no line '%s' in:\n%s\nstderr:\n%s", line, r->out,
                     r->err);
}

static const char *rk_cell(const char *verdict) { return runtime_built() ? verdict : "n/a"; }

static char *row(const char *race, const char *rk, const char *clang, const char *gcc) {
  char *s = malloc(512);
  snprintf(s, 512, "%s %s %s %s", race, rk_cell(rk), clang, gcc);
  return s;
}

/* all: races found by every tool when racekit runs; all_without: when it
   does not (the ThreadSanitizer builds only). */
static void expect_summary(const result *r, int all, int all_without, int only_rk,
                           int only_tsan) {
  char line[128];
  snprintf(line, sizeof line, "\nfound by all: %d\n", runtime_built() ? all : all_without);
  expect_line(r, line);
  if (runtime_built()) {
    snprintf(line, sizeof line, "\nonly by racekit: %d\n", only_rk);
    expect_line(r, line);
    snprintf(line, sizeof line, "\nonly by a ThreadSanitizer build: %d\n", only_tsan);
    expect_line(r, line);
  } else {
    expect_line(r, "\nonly by racekit: n/a (racekit did not run)\n");
    expect_line(r, "\n  racekit: not run: the checker runtime libracekit_rt.a is not built");
  }
}

#define DASH "\xe2\x80\x94"

Test(compare_e2e, race_both_tools_find, .timeout = 120) {
  result r = racekit("compare", "programs/both.c", "--runs", "2", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char *r1 = row("write both.c:12 / read both.c:20", "found", "found", "found");
  const char *want[] = {r1, NULL};
  expect_rows(&r, want);
  expect_summary(&r, 1, 1, 0, 0);
  expect_line(&r, "\nclang-tsan: 2 runs, exit 66 (2 of 2), median wall ");
  expect_line(&r, "\ngcc-tsan:   2 runs, exit 66 (2 of 2), median wall ");
  if (runtime_built())
    expect_line(&r, "\nracekit:    2 runs, exit 66 (2 of 2), median wall ");
  free(r1);
  result_free(&r);
}

Test(compare_e2e, race_only_racekit_finds, .timeout = 120) {
  /* The write evicted from clang ThreadSanitizer's 4-cell shadow. gcc 12's
     libtsan (the older runtime) keeps it and finds the race. */
  result r = racekit("compare", "programs/evicted.c", "--runs", "2", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char *r1 = row("write evicted.c:23 / read evicted.c:38", "found", DASH, "found");
  const char *want[] = {r1, NULL};
  expect_rows(&r, want);
  expect_summary(&r, 0, 0, 0, 0);
  if (runtime_built())
    expect_line(&r, "\nby racekit and some, not all, ThreadSanitizer builds: 1\n");
  expect_line(&r, "\nclang-tsan: 2 runs, exit 0 (2 of 2), ");
  free(r1);
  result_free(&r);

  r = racekit("compare", "programs/evicted.c", "--runs", "1", "--compilers", "clang", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char *r2 = malloc(512);
  snprintf(r2, 512, "write evicted.c:23 / read evicted.c:38 %s " DASH, rk_cell("found"));
  const char *want2[] = {runtime_built() ? r2 : NULL, NULL};
  expect_rows(&r, want2);
  if (runtime_built())
    expect_summary(&r, 0, 0, 1, 0);
  free(r2);
  result_free(&r);
}

Test(compare_e2e, false_race_on_fences, .timeout = 120) {
  result r = racekit("compare", "programs/fences.c", "--runs", "2", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char *r1 = row("write fences.c:17 / read fences.c:32", DASH, "found", "found");
  const char *want[] = {r1, NULL};
  expect_rows(&r, want);
  expect_summary(&r, 0, 1, 0, 1);
  free(r1);
  result_free(&r);
}

Test(compare_e2e, race_free_program, .timeout = 120) {
  result r = racekit("compare", "programs/race_free.c", "--runs", "2", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  expect_line(&r, "\n(no data races)\n");
  expect_summary(&r, 0, 0, 0, 0);
  expect_line(&r, "\nclang-tsan: 2 runs, exit 0 (2 of 2), ");
  expect_line(&r, "\ngcc-tsan:   2 runs, exit 0 (2 of 2), ");
  result_free(&r);
}

Test(compare_e2e, program_exiting_non_zero, .timeout = 120) {
  result r = racekit("compare", "programs/exit3.c", "--runs", "2", "--format", "json", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.out, "\"races\": [],\n"), "%s", r.out);
  const char *tsan_run =
      "{\"exit_status\": 3, \"signal\": 0, \"timed_out\": false, \"crashed\": false, \"wall_s\": ";
  const char *p = r.out;
  int n = 0;
  while ((p = strstr(p, tsan_run))) {
    n++;
    p++;
  }
  cr_assert_eq(n, runtime_built() ? 6 : 4, "%s", r.out);
  cr_assert_not_null(strstr(r.out, "\"summary\": {\"races\": 0, \"found_by_all\": 0, "), "%s",
                     r.out);
  result_free(&r);
}

Test(compare_e2e, program_arguments_after_dashdash, .timeout = 120) {
  /* both.c ignores its arguments; a missing compiler is a note, not an error. */
  result r = racekit("compare", "programs/both.c", "--runs", "1", "--compilers",
                     "clang,no-such-cc", "--", "a", "b", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  expect_line(&r, "\n  no-such-cc-tsan: skipped: no-such-cc is not installed\n");
  char *r1 = malloc(512);
  snprintf(r1, 512, "write both.c:12 / read both.c:20 %s found n/a", rk_cell("found"));
  const char *want[] = {r1, NULL};
  expect_rows(&r, want);
  free(r1);
  result_free(&r);
}

/* The two racy lines of a demo, from demos/manifest ("topic | L1 L2 | ..."). */
static void manifest_lines(const char *topic, int *l1, int *l2) {
  char *s = slurp(RK_DEMOS_DIR "/manifest");
  char key[128];
  snprintf(key, sizeof key, "\n%s | ", topic);
  char *at = strstr(s, key);
  cr_assert_not_null(at, "%s not in demos/manifest", topic);
  cr_assert_eq(sscanf(at + strlen(key), "%d %d", l1, l2), 2);
  free(s);
}

Test(compare_e2e, demo_by_name, .timeout = 120) {
  int w, rd;
  manifest_lines("publish-flag", &w, &rd);
  result r = racekit("compare", "publish-flag", "--runs", "2", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  const char *title = "racekit compare: demo publish-flag (racy.c) (2 runs per build)\n";
  cr_assert(strncmp(r.out, title, strlen(title)) == 0, "%s", r.out);
  char race[128];
  snprintf(race, sizeof race, "write racy.c:%d / read racy.c:%d", w, rd);
  char *r1 = row(race, "found", "found", "found");
  const char *want[] = {r1, NULL};
  expect_rows(&r, want);
  expect_summary(&r, 1, 1, 0, 0);
  free(r1);
  result_free(&r);

  r = racekit("compare", "publish-flag", "--fixed", "--runs", "1", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  expect_line(&r, "racekit compare: demo publish-flag (fixed.c) (1 run per build)\n");
  expect_line(&r, "\n(no data races)\n");
  result_free(&r);

  /* An unknown demo: the demo command's one line, exit 2. */
  r = racekit("compare", "no-such-demo", NULL);
  cr_assert_eq(r.status, 2);
  cr_assert_eq(strchr(r.err, '\n'), r.err + strlen(r.err) - 1, "one line: %s", r.err);
  cr_assert_str_eq(r.out, "");
  result_free(&r);
}

Test(compare_e2e, program_of_two_files, .timeout = 120) {
  result r = racekit("compare", "programs/split_main.c", "programs/split_worker.c", "--runs", "1",
                     NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(strncmp(r.out,
                    "racekit compare: programs/split_main.c programs/split_worker.c (1 run per "
                    "build)\n",
                    80) == 0,
            "%s", r.out);
  char *r1 = row("read split_main.c:14 / write split_worker.c:10", "found", "found", "found");
  const char *want[] = {r1, NULL};
  expect_rows(&r, want);
  expect_summary(&r, 1, 1, 0, 0);
  free(r1);
  result_free(&r);
}

/* How many times needle occurs in hay. */
static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p++)
    n++;
  return n;
}

Test(compare_e2e, crash_is_recorded, .timeout = 120) {
  result r = racekit("compare", "programs/crash.c", "--runs", "2", "--format", "json", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  /* ThreadSanitizer catches the SIGSEGV, reports it and exits 66 itself. */
  cr_assert_eq(count(r.out, "{\"exit_status\": 66, \"signal\": 0, \"timed_out\": false, "
                            "\"crashed\": true, "),
               4, "%s", r.out);
  cr_assert_eq(count(r.out, "ERROR: ThreadSanitizer: SEGV on unknown address"), 2, "%s", r.out);
  if (runtime_built()) {
    cr_assert_eq(count(r.out, "{\"exit_status\": -1, \"signal\": 11, \"timed_out\": false, "
                              "\"crashed\": true, "),
                 2, "%s", r.out);
    cr_assert(strstr(r.out, "\"note\": \"run 1 crashed: killed by signal 11 (Segmentation fault)\""),
              "%s", r.out);
  }
  cr_assert_eq(count(r.out, "\"crashes\": 2, \"timeouts\": 0"), runtime_built() ? 3 : 2, "%s",
               r.out);
  cr_assert(strstr(r.out, "\"races\": [],\n"), "%s", r.out);
  result_free(&r);

  r = racekit("compare", "programs/crash.c", "--runs", "1", "--compilers", "gcc", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  expect_line(&r, "\ngcc-tsan: 1 run, exit 66 (1 of 1), ");
  if (runtime_built())
    expect_line(&r, "\nracekit:  1 run, killed by SEGV (1 of 1), ");
  result_free(&r);
}

Test(compare_e2e, hanging_program_is_killed_at_the_timeout, .timeout = 120) {
  result r = racekit("compare", "programs/hang.c", "--runs", "1", "--timeout", "1",
                     "--compilers", "clang", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  expect_line(&r, "\n  clang-tsan: run 1 timed out after 1 s and was killed\n");
  expect_line(&r, "\nclang-tsan: 1 run, timed out (1 of 1), median wall 1.0");
  if (runtime_built())
    expect_line(&r, "\n  racekit: run 1 timed out after 1 s and was killed\n");
  result_free(&r);
}

Test(compare_e2e, build_failure_is_a_note, .timeout = 120) {
  char path[512];
  tmp_template(path, sizeof path, "rk-compare-broken-XXXXXX.c");
  int fd = mkstemps(path, 2);
  cr_assert_geq(fd, 0);
  const char *src = "int main(void) { return 0 }\n";
  cr_assert_eq(write(fd, src, strlen(src)), (ssize_t)strlen(src));
  close(fd);
  result r = racekit("compare", path, "--runs", "1", "--compilers", "gcc", NULL);
  cr_assert_eq(r.status, 1, "%s", r.out);
  cr_assert_str_eq(r.err,
                   "racekit: compare: no tool could build and run the program (see the notes)\n");
  char want[1024];
  snprintf(want, sizeof want, "\n  gcc-tsan: build failed (exit 1): %s:1:26: error: ", path);
  expect_line(&r, want);
  unlink(path);
  result_free(&r);
}
