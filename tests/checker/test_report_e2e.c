/* SPDX-License-Identifier: MIT */
/* What a user sees: test_report_e2e_prog.c, built with -fsanitize=thread
 * and racekit's runtime, run with each report format and option. Checks
 * the exact report lines that matter (both stacks with file:line:column,
 * location, creation site, summary), exit statuses 66/exitcode/0/2, and
 * that a bad RACEKIT_OPTIONS stops the program before main.
 */
#include "e2e_util.h"

typedef rkt_run run;
#define slurp rkt_slurp
#define run_free rkt_run_free

/* Runs the program with RACEKIT_OPTIONS=opts (unset when NULL). */
static run run_prog(const char *opts, const char *arg) { return rkt_run_prog(RKT_E2E_PROG, arg, opts); }

/* Line number of the E2E:name marker in the program's source. */
static int line_of(const char *name) { return rkt_marker_line(RKT_E2E_SRC, name); }

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
    n++;
  return n;
}

/* "prog.c:LINE:" as it appears after strip_path_prefix. */
static const char *at(const char *marker) {
  static char buf[4][128];
  static int i;
  char *b = buf[i++ & 3];
  snprintf(b, 128, "test_report_e2e_prog.c:%d:", line_of(marker));
  return b;
}

#define STRIP "strip_path_prefix=" RKT_SRC_DIR

Test(report_e2e, go_format_both_stacks_location_creation_and_count, .timeout = 60) {
  run r = run_prog(STRIP, NULL);
  cr_expect_eq(r.status, 66, "stderr:\n%s", r.err);
  cr_expect_str_eq(r.out, "main started\n");
  const char *e = r.err;
  cr_expect_eq(count(e, "==================\nWARNING: DATA RACE\nWrite at 0x"), 1, "%s", e);
  cr_expect_eq(count(e, " by main goroutine:\n  main()\n      "), 1, "%s", e);
  cr_expect_not_null(strstr(e, at("main_write")), "%s", e);
  cr_expect_eq(count(e, "\nPrevious write at 0x"), 1, "%s", e);
  cr_expect_eq(count(e, " by thread T1:\n  bump()\n      "), 1, "%s", e);
  cr_expect_not_null(strstr(e, at("thread_write")), "%s", e);
  cr_expect_eq(count(e, "\nLocation is global 'rk_e2e_counter' of size 4 at 0x"), 1, "%s", e);
  cr_expect_eq(count(e, "\nThread T1 (running) created at:\n") + count(e, "\nThread T1 (finished) created at:\n"), 1,
               "%s", e);
  cr_expect_not_null(strstr(e, at("create")), "%s", e);
  cr_expect_eq(count(e, "==================\nFound 1 data race(s)\n"), 1, "%s", e);
  cr_expect_eq(count(e, "WARNING"), 1, "%s", e);
  run_free(&r);
}

Test(report_e2e, tsan_format_summary_line, .timeout = 60) {
  run r = run_prog(STRIP " format=tsan", NULL);
  cr_expect_eq(r.status, 66, "stderr:\n%s", r.err);
  const char *e = r.err;
  cr_expect_eq(count(e, "WARNING: ThreadSanitizer: data race (pid="), 1, "%s", e);
  cr_expect_eq(count(e, "  Write of size 4 at 0x"), 1, "%s", e);
  cr_expect_eq(count(e, "  Previous write of size 4 at 0x"), 1, "%s", e);
  cr_expect_eq(count(e, " by main thread:\n    #0 main "), 1, "%s", e);
  cr_expect_eq(count(e, " by thread T1:\n    #0 bump "), 1, "%s", e);
  cr_expect_eq(count(e, "  Location is global 'rk_e2e_counter' of size 4 at 0x"), 1, "%s", e);
  cr_expect_eq(count(e, "  Thread T1 (tid="), 1, "%s", e);
  char summary[256];
  snprintf(summary, sizeof summary, "SUMMARY: ThreadSanitizer: data race %s", at("main_write"));
  cr_expect_not_null(strstr(e, summary), "%s", e);
  cr_expect_not_null(strstr(e, " in main\n==================\nThreadSanitizer: reported 1 warnings\n"), "%s", e);
  run_free(&r);
}

Test(report_e2e, json_format_one_object_per_line, .timeout = 60) {
  run r = run_prog(STRIP " format=json", NULL);
  cr_expect_eq(r.status, 66, "stderr:\n%s", r.err);
  const char *e = r.err;
  cr_expect_eq(count(e, "\n"), 2, "%s", e);
  cr_expect_eq(strncmp(e, "{\"schema\":1,\"type\":\"data-race\",\"pid\":", 37), 0, "%s", e);
  cr_expect_eq(count(e, "\"location\":{\"kind\":\"global\",\"name\":\"rk_e2e_counter\",\"size\":4,"), 1, "%s", e);
  cr_expect_eq(count(e, "\"previous\":{\"kind\":\"write\",\"size\":4,"), 1, "%s", e);
  cr_expect_eq(count(e, "{\"function\":\"bump\",\"file\":\"test_report_e2e_prog.c\""), 1, "%s", e);
  cr_expect_not_null(strstr(e, "\n{\"schema\":1,\"type\":\"summary\",\"races\":1}\n"), "%s", e);
  run_free(&r);
}

Test(report_e2e, no_race_no_output_own_status, .timeout = 60) {
  run r = run_prog(NULL, "norace");
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.err, "");
  run_free(&r);
}

Test(report_e2e, exitcode_and_halt_on_error, .timeout = 60) {
  run r = run_prog("exitcode=3 halt_on_error=1", NULL);
  cr_expect_eq(r.status, 3, "stderr:\n%s", r.err);
  cr_expect_eq(count(r.err, "WARNING: DATA RACE"), 1, "%s", r.err);
  cr_expect_eq(count(r.err, "Found"), 0, "%s", r.err);
  run_free(&r);
}

Test(report_e2e, bad_options_stop_before_main, .timeout = 60) {
  run r = run_prog("fromat=go", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.out, "");
  cr_expect_str_eq(r.err, "racekit: RACEKIT_OPTIONS: unknown option 'fromat' (known: format, log_path, exitcode, "
                          "halt_on_error, suppressions, strip_path_prefix, color)\n");
  run_free(&r);
  r = run_prog("format=xml", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: RACEKIT_OPTIONS: bad value 'xml' for format (expected go, tsan or json)\n");
  run_free(&r);
  r = run_prog("suppressions=/nonexistent/supp.txt", NULL);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: RACEKIT_OPTIONS: cannot read suppressions file '/nonexistent/supp.txt': No "
                          "such file or directory\n");
  run_free(&r);
}

Test(report_e2e, suppressions_file_silences_the_race, .timeout = 60) {
  char path[] = "/tmp/rkc_e2e_supp_XXXXXX";
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  const char *text = "# the counter is only statistics\nrace:^bump$\n";
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  char opts[128];
  snprintf(opts, sizeof opts, "suppressions=%s", path);
  run r = run_prog(opts, NULL);
  unlink(path);
  cr_expect_eq(r.status, 0, "stderr:\n%s", r.err);
  cr_expect_str_eq(r.err, "");
  run_free(&r);
}

Test(report_e2e, log_path_writes_file_dot_pid, .timeout = 60) {
  char dir[] = "/tmp/rkc_e2e_log_XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char opts[128];
  snprintf(opts, sizeof opts, "log_path=%s/races", dir);
  run r = run_prog(opts, NULL);
  cr_expect_eq(r.status, 66);
  cr_expect_str_eq(r.err, "");
  char cmd[256];
  snprintf(cmd, sizeof cmd, "cat %s/races.* > %s/all && rm -f %s/races.*", dir, dir, dir);
  cr_assert_eq(system(cmd), 0);
  char all[160];
  snprintf(all, sizeof all, "%s/all", dir);
  char *log = slurp(all);
  unlink(all);
  rmdir(dir);
  cr_assert_not_null(log);
  cr_expect_eq(count(log, "WARNING: DATA RACE\n"), 1, "%s", log);
  cr_expect_eq(count(log, "Found 1 data race(s)\n"), 1, "%s", log);
  free(log);
  run_free(&r);
}
