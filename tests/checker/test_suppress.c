/* SPDX-License-Identifier: MIT */
/* The suppression file parser and ThreadSanitizer's template matcher
 * (instrumentation/suppress.c).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "suppress.h"

static bool m(const char *pattern, const char *str) {
  return rkc__supp_template_match(pattern, str);
}

Test(suppress, unanchored_matches_anywhere, .timeout = 5) {
  cr_expect(m("foo", "foo"));
  cr_expect(m("foo", "xfoox"));
  cr_expect(m("race.c", "/src/demo/race.c"));
  cr_expect_not(m("foo", "fo"));
  cr_expect_not(m("foo", "FOO"));
}

Test(suppress, caret_anchors_start_dollar_anchors_end, .timeout = 5) {
  cr_expect(m("^foo", "foobar"));
  cr_expect_not(m("^foo", "xfoo"));
  cr_expect(m("foo$", "xfoo"));
  cr_expect_not(m("foo$", "foox"));
  cr_expect(m("^foo$", "foo"));
  cr_expect_not(m("^foo$", "foo2"));
  cr_expect_not(m("^foo$", "2foo"));
  cr_expect(m("^/src/", "/src/race.c"));
  cr_expect_not(m("^/src/", "/usr/src/race.c"));
}

Test(suppress, star_matches_any_run, .timeout = 5) {
  cr_expect(m("f*o", "fxxxo"));
  cr_expect(m("f*o", "fo"));
  cr_expect(m("^a*b*c$", "aXbYc"));
  cr_expect_not(m("^a*b*c$", "aXcYb"));
  cr_expect(m("a*b$", "abxb")); /* the star must backtrack past the first b */
  cr_expect(m("^*$", "anything"));
  cr_expect(m("^worker_*$", "worker_main"));
  cr_expect_not(m("^worker_*$", "my_worker_main"));
}

Test(suppress, empty_string_never_matches, .timeout = 5) {
  cr_expect_not(m("*", ""));
  cr_expect_not(m("foo", NULL));
}

static rkc__supp parse_ok(const char *text) {
  rkc__supp s = {0};
  char err[512] = "";
  int rc = rkc__supp_parse(&s, text, strlen(text), "supp.txt", err, sizeof err);
  cr_assert_eq(rc, 0, "parse failed: %s", err);
  return s;
}

static const char *parse_err(const char *text) {
  static char err[512];
  rkc__supp s = {0};
  err[0] = 0;
  int rc = rkc__supp_parse(&s, text, strlen(text), "supp.txt", err, sizeof err);
  cr_assert_eq(rc, -1, "expected a parse error for %s", text);
  return err;
}

Test(suppress, parses_types_comments_blank_lines_and_crlf, .timeout = 5) {
  rkc__supp s = parse_ok("# a comment\n"
                         "\n"
                         "   race:counter_*  \r\n"
                         "race_top:^hot_path$\n"
                         "thread:leaky\n"
                         "mutex:m\n"
                         "deadlock:d\n"
                         "signal:s\n"
                         "called_from_lib:libfoo.so\n"
                         "race:last_line_without_newline");
  const char *want[] = {"counter_*", "^hot_path$", "leaky", "m", "d", "s", "libfoo.so", "last_line_without_newline"};
  rkc__supp_type types[] = {RKC__SUPP_RACE,     RKC__SUPP_RACE_TOP, RKC__SUPP_THREAD,          RKC__SUPP_MUTEX,
                            RKC__SUPP_DEADLOCK, RKC__SUPP_SIGNAL,   RKC__SUPP_CALLED_FROM_LIB, RKC__SUPP_RACE};
  int i = 0;
  for (rkc__supp_rule *r = s.head; r; r = r->next, i++) {
    cr_assert_lt(i, 8);
    cr_expect_str_eq(r->pattern, want[i]);
    cr_expect_eq(r->type, types[i]);
  }
  cr_expect_eq(i, 8);
}

Test(suppress, unknown_type_is_an_error_naming_line_and_type, .timeout = 5) {
  cr_expect_str_eq(parse_err("race:a\n# c\nraec:counter\n"),
                   "suppressions file 'supp.txt' line 3: unknown suppression type 'raec' (known: race, race_top, "
                   "thread, mutex, deadlock, signal, called_from_lib)");
}

Test(suppress, line_without_type_is_an_error, .timeout = 5) {
  cr_expect_str_eq(parse_err("counter\n"), "suppressions file 'supp.txt' line 1: expected TYPE:PATTERN, got 'counter'");
}

Test(suppress, empty_pattern_is_an_error, .timeout = 5) {
  cr_expect_str_eq(parse_err("race:  \n"), "suppressions file 'supp.txt' line 1: empty pattern in 'race:'");
}

Test(suppress, find_matches_function_file_or_module_of_the_right_type, .timeout = 5) {
  rkc__supp s = parse_ok("thread:worker\nrace:^bump$\nrace:third_party/*\nrace:libfoo.so\nrace_top:hot\n");
  cr_expect_not_null(rkc__supp_find(&s, RKC__SUPP_RACE, "bump", "/src/a.c", "prog"));
  cr_expect_null(rkc__supp_find(&s, RKC__SUPP_RACE, "bump2", "/src/a.c", "prog"));
  cr_expect_not_null(rkc__supp_find(&s, RKC__SUPP_RACE, "f", "/src/third_party/z.c", "prog"));
  cr_expect_not_null(rkc__supp_find(&s, RKC__SUPP_RACE, NULL, NULL, "libfoo.so"));
  /* thread: rules never suppress races; race_top: only when asked for */
  cr_expect_null(rkc__supp_find(&s, RKC__SUPP_RACE, "worker", "/src/a.c", "prog"));
  cr_expect_null(rkc__supp_find(&s, RKC__SUPP_RACE, "hot", NULL, NULL));
  cr_expect_not_null(rkc__supp_find(&s, RKC__SUPP_RACE_TOP, "hot", NULL, NULL));
}

Test(suppress, load_reads_a_file, .timeout = 5) {
  char path[] = "/tmp/rkc_supp_XXXXXX";
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  const char *text = "race:from_file\n";
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  rkc__supp s = {0};
  char err[512] = "";
  int rc = rkc__supp_load(&s, path, err, sizeof err);
  unlink(path);
  cr_assert_eq(rc, 0, "%s", err);
  cr_assert_not_null(s.head);
  cr_expect_str_eq(s.head->pattern, "from_file");
}

Test(suppress, load_of_a_missing_file_names_it, .timeout = 5) {
  rkc__supp s = {0};
  char err[512] = "";
  cr_assert_eq(rkc__supp_load(&s, "/nonexistent/supp.txt", err, sizeof err), -1);
  cr_expect_str_eq(err, "cannot read suppressions file '/nonexistent/supp.txt': No such file or directory");
}
