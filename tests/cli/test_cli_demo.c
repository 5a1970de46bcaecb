/* SPDX-License-Identifier: MIT */
/* racekit demo on the test demos of tests/cli/demos (RACEKIT_DEMOS_DIR):
 * list, show, diff, run, exercise, go, and their errors. The subcommands
 * that need the checker runtime are in test_cli_checker.c. */
#include "cli_test.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMOS_ENV "RACEKIT_DEMOS_DIR=" CLI_TEST_DEMOS

static const char *const env[] = {DEMOS_ENV, NULL};

Test(cli_demo, list_is_a_table_of_topics, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "list");
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "TOPIC        LESSON\n"
                          "counter      Two threads, one counter\n"
                          "flag         A plain flag publishes nothing\n"
                          "lost-update  Always wrong\n"
                          "stuck        Never finishes\n"
                          "\n"
                          "4 topics. 'racekit demo tour NAME' walks through one.\n");
  cr_expect_str_eq(r.err, "");
  rkt_result_free(&r);
}

Test(cli_demo, list_long_adds_lines_and_lesson, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "list", "--long");
  cr_expect_eq(r.status, 0);
  cr_expect(strstr(r.out, "flag         A plain flag publishes nothing\n"
                          "             racy.c lines 11 and 21 race\n"
                          "             Publish through a channel or an atomic with "
                          "release/acquire.\n"),
            "%s", r.out);
  cr_expect(strstr(r.out, "             racy.c line 13 races with itself\n"), "%s", r.out);
  rkt_result_free(&r);
}

Test(cli_demo, show_marks_the_conflicting_lines, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "show", "flag");
  cr_expect_eq(r.status, 0);
  char *first = rkt_line(r.out, 1), *l11 = rkt_line(r.out, 12), *l12 = rkt_line(r.out, 13),
       *l21 = rkt_line(r.out, 22);
  cr_expect_str_eq(first, "flag/racy.c — A plain flag publishes nothing");
  cr_expect_str_eq(l11, ">>  11    data = 42;");
  cr_expect_str_eq(l12, "    12    ready = 1;");
  cr_expect_str_eq(l21, ">>  21    printf(\"data = %d\\n\", data);");
  cr_expect_not(strchr(r.out, '\033'), "no colour when stdout is not a terminal");
  cr_expect(strstr(r.out, "\n>> lines 11 and 21: the two conflicting accesses"), "%s", r.out);
  free(first);
  free(l11);
  free(l12);
  free(l21);
  rkt_result_free(&r);
}

Test(cli_demo, show_fixed_marks_the_fix, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "show", "flag", "--fixed");
  cr_expect_eq(r.status, 0);
  char *l4 = rkt_line(r.out, 5), *l12 = rkt_line(r.out, 13), *l13 = rkt_line(r.out, 14);
  cr_expect_str_eq(l4, "+    4  #include <stdatomic.h>");
  cr_expect_str_eq(l12, ">>  12    data = 42;");
  cr_expect_str_eq(l13, "+   13    atomic_store_explicit(&ready, 1, memory_order_release);");
  free(l4);
  free(l12);
  free(l13);
  rkt_result_free(&r);
}

Test(cli_demo, colour_follows_the_option_and_no_color, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "show", "counter", "--color=always");
  cr_expect(strstr(r.out, "\033[1;41;97m>>  13      counter++;\033[0m\n"), "%s", r.out);
  rkt_result_free(&r);
  /* NO_COLOR only affects auto; always wins */
  RKT_RACEKIT(&r, ((const char *const[]){DEMOS_ENV, "NO_COLOR=1", NULL}), NULL, "demo", "diff",
              "counter", "--color", "always");
  cr_expect(strstr(r.out, "\033[32m+    pthread_mutex_lock(&mu);\033[0m\n"), "%s", r.out);
  rkt_result_free(&r);
  RKT_RACEKIT(&r, env, NULL, "demo", "diff", "counter", "--color=never");
  cr_expect_not(strchr(r.out, '\033'));
  rkt_result_free(&r);
  RKT_RACEKIT(&r, env, NULL, "demo", "show", "counter", "--color=sometimes");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo show: --color must be auto, always or never, got "
                          "'sometimes'\n");
  rkt_result_free(&r);
}

Test(cli_demo, diff_is_a_unified_diff, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "diff", "counter");
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "--- counter/racy.c\n"
                          "+++ counter/fixed.c\n"
                          "@@ -6,11 +6,15 @@\n"
                          " enum { N = 100000 };\n"
                          " \n"
                          " static long counter;\n"
                          "+static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;\n"
                          " \n"
                          " static void *work(void *arg) {\n"
                          "   (void)arg;\n"
                          "-  for (int i = 0; i < N; i++)\n"
                          "+  for (int i = 0; i < N; i++) {\n"
                          "+    pthread_mutex_lock(&mu);\n"
                          "     counter++;\n"
                          "+    pthread_mutex_unlock(&mu);\n"
                          "+  }\n"
                          "   return NULL;\n"
                          " }\n"
                          " \n");
  rkt_result_free(&r);
}

Test(cli_demo, unknown_topic_lists_close_matches, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "show", "countr");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo show: unknown topic 'countr' (did you mean counter?)\n");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, env, NULL, "demo", "run", "lost");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo run: unknown topic 'lost' (did you mean lost-update?)\n");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, env, NULL, "demo", "diff", "xyzzy");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo diff: unknown topic 'xyzzy' (run 'racekit demo list')\n");
  rkt_result_free(&r);
}

Test(cli_demo, usage_errors, .timeout = 30) {
  static const struct {
    const char *args[4];
    const char *err;
  } cases[] = {
      {{"demo"}, "racekit: demo: missing subcommand (run 'racekit demo --help')\n"},
      {{"demo", "frob"}, "racekit: demo: unknown subcommand 'frob' (run 'racekit demo --help')\n"},
      {{"demo", "show"},
       "racekit: demo show: missing topic name (usage: racekit demo show NAME [--fixed] "
       "[--color=auto|always|never])\n"},
      {{"demo", "show", "counter", "--times=3"},
       "racekit: demo show: unknown option '--times=3' (usage: racekit demo show NAME [--fixed] "
       "[--color=auto|always|never])\n"},
      {{"demo", "run", "counter", "--times=0"},
       "racekit: demo run: --times needs a number from 1 to 1000, got '0'\n"},
      {{"demo", "diff", "counter", "flag"},
       "racekit: demo diff: unexpected argument 'flag' (usage: racekit demo diff NAME "
       "[--color=auto|always|never])\n"},
      {{"demo", "verify", "counter"},
       "racekit: demo verify: missing file (usage: racekit demo verify NAME FILE [--times N] "
       "[--compiler=clang|gcc])\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rkt_result r;
    const char *argv[6] = {RACEKIT_EXE};
    for (int k = 0; k < 4 && cases[i].args[k]; k++)
      argv[k + 1] = cases[i].args[k];
    rkt_run(&r, env, NULL, argv);
    cr_expect_eq(r.status, 2, "case %zu", i);
    cr_expect_str_eq(r.err, cases[i].err, "case %zu", i);
    rkt_result_free(&r);
  }
}

/* Built without a checker, run N times: each result, and "wrong" when it
   differs from expected.txt. */
Test(cli_demo, run_reports_wrong_results, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "run", "lost-update", "--times", "2");
  cr_expect_eq(r.status, 1, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "lost-update/racy.c, built without any checker (clang -O1), 2 runs:\n"
                          "run 1  wrong  total = 1\n"
                          "run 2  wrong  total = 1\n"
                          "\n"
                          "all 2 runs printed the same output\n"
                          "wrong: 2 of 2 runs differ from the expected output\n");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, env, NULL, "demo", "run", "lost-update", "--fixed", "--times=1",
              "--compiler=gcc");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "lost-update/fixed.c, built without any checker (gcc -O1), 1 run:\n"
                          "run 1  ok     total = 2\n"
                          "\n"
                          "every run printed the expected output (expected.txt)\n");
  rkt_result_free(&r);
}

/* A run that hangs is stopped after 10 s, and not repeated. */
Test(cli_demo, run_stops_a_program_that_hangs, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "run", "stuck", "--times", "3");
  cr_expect_eq(r.status, 1, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "stuck/racy.c, built without any checker (clang -O1), 3 runs:\n"
                          "run 1  wrong  (no output)\n"
                          "              [stopped after 10 s: a deadlock?]\n"
                          "(not running it again: it did not finish once already)\n"
                          "\n"
                          "wrong: 1 of 1 runs differ from the expected output or failed\n");
  rkt_result_free(&r);
}

Test(cli_demo, tsan_missing_compiler_names_its_package, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, ((const char *const[]){DEMOS_ENV, "PATH=/nonexistent", NULL}), NULL, "demo",
              "tsan", "counter", "--compiler", "gcc");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo tsan: gcc is not installed: apt-get install gcc\n");
  rkt_result_free(&r);
}

Test(cli_demo, tsan_reports_the_racy_demo, .timeout = 120) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "tsan", "counter");
  cr_expect_eq(r.status, 66, "stderr: %s", r.err);
  cr_expect(strstr(r.err, "WARNING: ThreadSanitizer: data race"), "%s", r.err);
  cr_expect(strstr(r.err, "counter/racy.c:13"), "%s", r.err);
  rkt_result_free(&r);
  RKT_RACEKIT(&r, env, NULL, "demo", "tsan", "counter", "--fixed");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "counter = 200000 (expected 200000)\n");
  cr_expect_str_eq(r.err, "");
  rkt_result_free(&r);
}

/* exercise: the racy program with the task on top, the racy lines
   renumbered; never overwriting without --force. */
Test(cli_demo, exercise_copies_the_racy_program, .timeout = 30) {
  char *dir = rkt_tmpdir();
  rkt_result r;
  RKT_RACEKIT(&r, env, dir, "demo", "exercise", "flag");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "Wrote flag-exercise/flag.c: the racy program of 'flag' (A plain flag "
                          "publishes nothing).\n"
                          "  see the race:    racekit run flag-exercise/flag.c\n"
                          "  check your fix:  racekit demo verify flag flag-exercise/flag.c\n");
  rkt_result_free(&r);
  char *file = rkt_fmt("%s/flag-exercise/flag.c", dir);
  char *text = rkt_read(file, NULL);
  cr_assert(text, "flag-exercise/flag.c was not written");
  cr_expect(strncmp(text, "/* racekit exercise: flag — A plain flag publishes nothing\n", 59) == 0,
            "%s", text);
  char *racy = rkt_read(CLI_TEST_DEMOS "/flag/racy.c", NULL);
  size_t n = strlen(text), m = strlen(racy);
  cr_assert(n > m && strcmp(text + n - m, racy) == 0, "the file ends with racy.c");
  cr_expect(strstr(text, " * passes: no data race reported, no deadlock, and exactly this "
                         "output:\n *     data = 42\n"),
            "%s", text);
  cr_expect(strstr(text, "Publish through a channel or an atomic with"), "the lesson as a hint");
  /* "lines A and B of this file" name the two accesses in the new file. */
  const char *at = strstr(text, "the accesses on lines ");
  cr_assert(at);
  int a = 0, b = 0;
  cr_assert(sscanf(at, "the accesses on lines %d and %d", &a, &b) == 2);
  char *la = rkt_line(text, a), *lb = rkt_line(text, b);
  cr_expect_str_eq(la, "  data = 42;");
  cr_expect_str_eq(lb, "  printf(\"data = %d\\n\", data);");
  free(la);
  free(lb);

  /* A second time: refused, the attendee's work is kept. */
  rkt_write(file, "my work\n");
  RKT_RACEKIT(&r, env, dir, "demo", "exercise", "flag");
  cr_expect_eq(r.status, 1);
  cr_expect_str_eq(r.err, "racekit: demo exercise: flag-exercise/flag.c already exists (--force "
                          "overwrites it)\n");
  rkt_result_free(&r);
  char *kept = rkt_read(file, NULL);
  cr_expect_str_eq(kept, "my work\n");
  free(kept);
  RKT_RACEKIT(&r, env, dir, "demo", "exercise", "flag", "--force");
  cr_expect_eq(r.status, 0);
  rkt_result_free(&r);
  kept = rkt_read(file, NULL);
  cr_expect_str_eq(kept, text);
  free(kept);

  /* An explicit folder. */
  RKT_RACEKIT(&r, env, dir, "demo", "exercise", "counter", "mine");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  char *other = rkt_fmt("%s/mine/counter.c", dir);
  cr_expect(rkt_exists(other));
  free(other);
  rkt_result_free(&r);

  free(racy);
  free(text);
  free(file);
  rkt_rmtree(dir);
  free(dir);
}

Test(cli_demo, verify_missing_file, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "verify", "counter", "/nonexistent/x.c");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo verify: no such file: /nonexistent/x.c\n");
  rkt_result_free(&r);
}

Test(cli_demo, go_without_a_go_twin_or_go, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "go", "flag");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo go: topic 'flag' has no Go version (" CLI_TEST_DEMOS
                          "/flag/go/racy.go is missing)\n");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, ((const char *const[]){DEMOS_ENV, "PATH=/nonexistent", NULL}), NULL, "demo",
              "go", "counter");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: demo go: go is not installed: apt-get install golang-go\n");
  rkt_result_free(&r);
}

/* The Go twin under Go's own detector; skipped where Go is not installed
   (scripts/test does not install it). */
Test(cli_demo, go_runs_the_twin_with_the_race_detector, .timeout = 300) {
  rkt_result w;
  rkt_run(&w, NULL, NULL, (const char *const[]){"sh", "-c", "command -v go", NULL});
  bool have_go = w.status == 0;
  rkt_result_free(&w);
  if (!have_go)
    cr_skip_test("go is not installed");
  rkt_result r;
  RKT_RACEKIT(&r, env, NULL, "demo", "go", "counter");
  cr_expect_eq(r.status, 66, "stderr: %s", r.err);
  cr_expect(strstr(r.err, "WARNING: DATA RACE"), "%s", r.err);
  cr_expect(strstr(r.err, "counter/go/racy.go:18"), "%s", r.err);
  rkt_result_free(&r);
}

/* Without RACEKIT_DEMOS_DIR, the build tree's racekit finds the source
   tree's demos/ (the catalogue of the workshop). */
Test(cli_demo, finds_the_catalogue_from_the_build_tree, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "demo", "list");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect(strstr(r.out, "\nmutex-counter "), "%s", r.out);
  cr_expect(strstr(r.out, " topics. 'racekit demo tour NAME' walks through one.\n"), "%s", r.out);
  rkt_result_free(&r);
}
