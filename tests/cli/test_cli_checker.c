/* SPDX-License-Identifier: MIT */
/* racekit cc, run and demo with the real checker runtime (build/lib/
 * libracekit_rt.a): a racy program is reported with exit status 66, its
 * fix is not; demo check, verify and tour on the test demos. */
#include "cli_test.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#define DEMOS_ENV "RACEKIT_DEMOS_DIR=" CLI_TEST_DEMOS

static const char *const env[] = {DEMOS_ENV, NULL};

static void expect_race(const rkt_result *r, const char *line) {
  cr_expect_eq(r->status, 66, "stderr: %s", r->err);
  cr_expect(strstr(r->err, "WARNING: DATA RACE"), "%s", r->err);
  cr_expect(strstr(r->err, line), "the report names %s: %s", line, r->err);
}

Test(cli_checker, run_reports_a_race_with_exit_66, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "run", CLI_TEST_DEMOS "/counter/racy.c");
  expect_race(&r, "counter/racy.c:13");
  cr_expect(strncmp(r.out, "counter = ", 10) == 0, "%s", r.out);
  rkt_result_free(&r);
  RKT_RACEKIT(&r, NULL, NULL, "run", CLI_TEST_DEMOS "/counter/fixed.c");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect_str_eq(r.err, "");
  rkt_result_free(&r);
}

Test(cli_checker, gcc_build_reports_the_race_too, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "run", "--compiler=gcc", CLI_TEST_DEMOS "/flag/racy.c");
  expect_race(&r, "flag/racy.c:");
  rkt_result_free(&r);
}

Test(cli_checker, cc_output_is_a_checked_program, .timeout = 120) {
  char *dir = rkt_tmpdir();
  rkt_result r;
  RKT_RACEKIT(&r, NULL, dir, "cc", "-O2", "-o", "prog", CLI_TEST_DEMOS "/counter/racy.c");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  rkt_result_free(&r);
  char *prog = rkt_fmt("%s/prog", dir);
  rkt_run(&r, NULL, dir, (const char *const[]){prog, NULL});
  expect_race(&r, "counter/racy.c:13");
  rkt_result_free(&r);
  free(prog);
  rkt_rmtree(dir);
  free(dir);
}

Test(cli_checker, demo_check_exit_status_is_the_checkers, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "check", "counter");
  expect_race(&r, "counter/racy.c:13");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, env, NULL, "demo", "check", "counter", "--fixed");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "counter = 200000 (expected 200000)\n");
  rkt_result_free(&r);
}

Test(cli_checker, verify_accepts_the_fix, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "verify", "counter", CLI_TEST_DEMOS "/counter/fixed.c");
  cr_expect_eq(r.status, 0, "stdout: %s\nstderr: %s", r.out, r.err);
  cr_expect(strstr(r.out, "run 1: output as expected\nrun 2: output as expected\n"
                          "run 3: output as expected\n"),
            "%s", r.out);
  cr_expect(strstr(r.out, "\nno data race     ok\nno deadlock      ok\nexpected output  ok\nPASS: "),
            "%s", r.out);
  rkt_result_free(&r);
}

Test(cli_checker, verify_rejects_the_race, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "verify", "counter", CLI_TEST_DEMOS "/counter/racy.c",
              "--times=2");
  cr_expect_eq(r.status, 1, "stdout: %s\nstderr: %s", r.out, r.err);
  cr_expect(strstr(r.out, "run 1: data race reported; "), "%s", r.out);
  cr_expect(strstr(r.out, "WARNING: DATA RACE"), "the report is shown: %s", r.out);
  cr_expect(strstr(r.out, "\nno data race     FAILED (racekit reported a race in runs 1 and 2)\n"
                          "no deadlock      ok\n"),
            "%s", r.out);
  cr_expect(strstr(r.out, "\nFAIL: " CLI_TEST_DEMOS "/counter/racy.c does not fix 'counter' yet.\n"),
            "%s", r.out);
  rkt_result_free(&r);
}

Test(cli_checker, verify_rejects_a_wrong_output, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "verify", "lost-update",
              CLI_TEST_DEMOS "/lost-update/racy.c", "--times", "1");
  cr_expect_eq(r.status, 1, "stdout: %s\nstderr: %s", r.out, r.err);
  cr_expect(strstr(r.out, "-total = 2\n+total = 1\n"), "a diff of the outputs: %s", r.out);
  cr_expect(strstr(r.out, "\nno data race     ok\nno deadlock      ok\n"
                          "expected output  FAILED (different output in run 1)\nFAIL: "),
            "%s", r.out);
  rkt_result_free(&r);
}

Test(cli_checker, tour_walks_through_the_workflow, .timeout = 300) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "tour", "counter", "--times", "2");
  cr_expect_eq(r.status, 0, "stdout: %s\nstderr: %s", r.out, r.err);
  static const char *const steps[] = {
      "racekit demo tour: counter — Two threads, one counter\n",
      "== Step 1/5: run racy.c several times, without any checker\n$ racekit demo run counter "
      "--times 2\n",
      "== Step 2/5: check racy.c with racekit's race checker\n",
      "racekit reported the race (exit status 66). The conflicting accesses are both on this "
      "line:\n    racy.c:13       counter++;\n",
      "== Step 3/5: the fix: racy.c against fixed.c\n",
      "== Step 4/5: check fixed.c with racekit's race checker\n",
      "== Step 5/5: ThreadSanitizer (clang) on racy.c and fixed.c\n",
      "racy.c    race reported (exit 66)    race reported (exit 66)\n"
      "fixed.c   no race (exit 0)           no race (exit 0)\n"};
  const char *at = r.out;
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    const char *next = strstr(at, steps[i]);
    cr_expect(next, "missing, or out of order: %s\nin: %s", steps[i], r.out);
    if (next)
      at = next;
  }
  rkt_result_free(&r);
}

/* A deadlock (the library's "all goroutines are asleep") fails verify after
   one run, with the library's message shown. */
Test(cli_checker, verify_rejects_a_deadlock, .timeout = 120) {
  char *dir = rkt_tmpdir();
  char *file = rkt_fmt("%s/stuck.c", dir);
  rkt_write(file, "#include <racekit/racekit.h>\n"
                  "int main(void) {\n"
                  "  rk_chan *ch = rk_chan_make(sizeof(int), 0);\n"
                  "  int v;\n"
                  "  rk_chan_recv(ch, &v, NULL); /* nobody sends */\n"
                  "  return 0;\n"
                  "}\n");
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "verify", "lost-update", file);
  cr_expect_eq(r.status, 1, "stdout: %s\nstderr: %s", r.out, r.err);
  cr_expect(strstr(r.out, "run 1: deadlock; output differs\n"), "%s", r.out);
  cr_expect_not(strstr(r.out, "run 2:"), "one deadlocked run is enough: %s", r.out);
  cr_expect(strstr(r.out, "all goroutines are asleep"), "the library's message: %s", r.out);
  cr_expect(strstr(r.out, "\nno data race     ok\n"
                          "no deadlock      FAILED (deadlocked or did not finish in run 1)\n"
                          "expected output  FAILED (different output in run 1)\n"),
            "%s", r.out);
  rkt_result_free(&r);
  rkt_rmtree(dir);
  free(dir);
  free(file);
}
