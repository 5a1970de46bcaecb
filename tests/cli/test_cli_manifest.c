/* SPDX-License-Identifier: MIT */
/* The demos manifest parser, through `racekit demo list` on manifests
 * written by the test: each bad line is one error naming file:line. */
#include "cli_test.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void) {
  dir = rkt_tmpdir();
}

static void teardown(void) {
  rkt_rmtree(dir);
  free(dir);
}

/* Runs `racekit demo list` on a manifest with text; returns the result. */
static void list_with(rkt_result *r, const char *text) {
  char *path = rkt_fmt("%s/manifest", dir);
  rkt_write(path, text);
  char *env = rkt_fmt("RACEKIT_DEMOS_DIR=%s", dir);
  RKT_RACEKIT(r, ((const char *const[]){env, NULL}), NULL, "demo", "list");
  free(env);
  free(path);
}

static void expect_error(const char *text, int line, const char *what) {
  rkt_result r;
  list_with(&r, text);
  char *want = rkt_fmt("racekit: %s/manifest:%d: %s\n", dir, line, what);
  cr_expect_eq(r.status, 2, "manifest:\n%s", text);
  cr_expect_str_eq(r.err, want);
  cr_expect_str_eq(r.out, "");
  free(want);
  rkt_result_free(&r);
}

static const char good[] = "# comment\n"
                           "\n"
                           "  a-topic | 21 30 | Title A | Lesson A.  \n"
                           "b_topic|7 7|Title B|Lesson B\n";

Test(cli_manifest, comments_blanks_and_spaces, .init = setup, .fini = teardown, .timeout = 30) {
  rkt_result r;
  list_with(&r, good);
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "TOPIC    LESSON\n"
                          "a-topic  Title A\n"
                          "b_topic  Title B\n"
                          "\n"
                          "2 topics. 'racekit demo tour NAME' walks through one.\n");
  rkt_result_free(&r);
}

Test(cli_manifest, wrong_number_of_fields, .init = setup, .fini = teardown, .timeout = 30) {
  expect_error("# c\na | 1 2 | t\n", 2,
               "expected 4 fields 'topic | racy lines | title | lesson', found 3");
  expect_error("a | 1 2 | t | l | extra\n", 1,
               "expected 4 fields 'topic | racy lines | title | lesson', found 5");
}

Test(cli_manifest, bad_racy_lines, .init = setup, .fini = teardown, .timeout = 30) {
  expect_error("a | 12 | t | l\n", 1, "racy lines must be two line numbers, got '12'");
  expect_error("a | 1 2 3 | t | l\n", 1, "racy lines must be two line numbers, got '1 2 3'");
  expect_error("a | 1 x | t | l\n", 1, "racy lines must be two line numbers, got '1 x'");
  expect_error("a | 0 4 | t | l\n", 1, "racy lines must be two line numbers, got '0 4'");
  expect_error("a | 1,4 | t | l\n", 1, "racy lines must be two line numbers, got '1,4'");
}

Test(cli_manifest, bad_topic_title_lesson, .init = setup, .fini = teardown, .timeout = 30) {
  expect_error("../etc | 1 2 | t | l\n", 1,
               "bad topic name '../etc' (letters, digits, '-', '_', '.')");
  expect_error("two words | 1 2 | t | l\n", 1,
               "bad topic name 'two words' (letters, digits, '-', '_', '.')");
  expect_error(" | 1 2 | t | l\n", 1, "bad topic name '' (letters, digits, '-', '_', '.')");
  expect_error("a | 1 2 |  | l\n", 1, "empty title");
  expect_error("a | 1 2 | t |\n", 1, "empty lesson");
}

Test(cli_manifest, duplicate_topic, .init = setup, .fini = teardown, .timeout = 30) {
  expect_error("a | 1 2 | t | l\n# x\na | 3 4 | t | l\n", 3,
               "topic 'a' already listed on line 1");
}

Test(cli_manifest, empty_or_missing_manifest, .init = setup, .fini = teardown, .timeout = 30) {
  rkt_result r;
  list_with(&r, "# nothing\n\n");
  char *want = rkt_fmt("racekit: %s/manifest: no topics listed\n", dir);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, want);
  free(want);
  rkt_result_free(&r);

  char *env = rkt_fmt("RACEKIT_DEMOS_DIR=%s/none", dir);
  RKT_RACEKIT(&r, ((const char *const[]){env, NULL}), NULL, "demo", "show", "x");
  want = rkt_fmt("racekit: cannot read the demos manifest %s/none/manifest: No such file or "
                 "directory\n",
                 dir);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, want);
  free(want);
  free(env);
  rkt_result_free(&r);
}

/* A topic listed without its folder: one line naming the missing file. */
Test(cli_manifest, listed_topic_without_files, .init = setup, .fini = teardown, .timeout = 30) {
  rkt_result r;
  list_with(&r, good);
  rkt_result_free(&r);
  char *env = rkt_fmt("RACEKIT_DEMOS_DIR=%s", dir);
  RKT_RACEKIT(&r, ((const char *const[]){env, NULL}), NULL, "demo", "show", "a-topic");
  char *want = rkt_fmt("racekit: demo show: topic 'a-topic' is listed in %s/manifest but "
                       "%s/a-topic/racy.c is missing\n",
                       dir, dir);
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, want);
  free(want);
  free(env);
  rkt_result_free(&r);
}
