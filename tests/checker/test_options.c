/* SPDX-License-Identifier: MIT */
/* RACEKIT_OPTIONS (instrumentation/options.c): every key, every error
 * line exactly, and the exit status 2 of rkc_options_init() on an error.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "options.h"
#include "suppress.h"

#define KNOWN "(known: format, log_path, exitcode, halt_on_error, suppressions, strip_path_prefix, color)"

static rkc__options parse_ok(const char *s) {
  rkc__options o;
  char err[1024] = "";
  rkc__options_defaults(&o);
  int rc = rkc__options_parse(s, &o, err, sizeof err);
  cr_assert_eq(rc, 0, "'%s' failed: %s", s, err);
  return o;
}

static void expect_error(const char *s, const char *line) {
  rkc__options o;
  char err[1024] = "";
  rkc__options_defaults(&o);
  cr_assert_eq(rkc__options_parse(s, &o, err, sizeof err), -1, "'%s' was accepted", s);
  cr_expect_str_eq(err, line);
}

Test(options, defaults, .timeout = 5) {
  rkc__options o = parse_ok(NULL);
  cr_expect_eq(o.format, RKC__FORMAT_GO);
  cr_expect_eq(o.exitcode, 66);
  cr_expect_not(o.halt_on_error);
  cr_expect_null(o.log_path);
  cr_expect_null(o.suppressions);
  cr_expect_null(o.strip_path_prefix);
  cr_expect_eq(o.color, RKC__COLOR_AUTO);
  o = parse_ok("");
  cr_expect_eq(o.format, RKC__FORMAT_GO);
  o = parse_ok("  : :: ");
  cr_expect_eq(o.exitcode, 66);
}

Test(options, every_key_with_colons_and_spaces, .timeout = 5) {
  rkc__options o = parse_ok("format=json:exitcode=3 halt_on_error=true\tcolor=never:strip_path_prefix=/src/ "
                            "log_path=stdout suppressions=/etc/supp.txt");
  cr_expect_eq(o.format, RKC__FORMAT_JSON);
  cr_expect_eq(o.exitcode, 3);
  cr_expect(o.halt_on_error);
  cr_expect_eq(o.color, RKC__COLOR_NEVER);
  cr_expect_str_eq(o.strip_path_prefix, "/src/");
  cr_expect_str_eq(o.log_path, "stdout");
  cr_expect_str_eq(o.suppressions, "/etc/supp.txt");
}

Test(options, each_value_of_the_enumerations, .timeout = 5) {
  cr_expect_eq(parse_ok("format=go").format, RKC__FORMAT_GO);
  cr_expect_eq(parse_ok("format=tsan").format, RKC__FORMAT_TSAN);
  cr_expect_eq(parse_ok("format=json").format, RKC__FORMAT_JSON);
  cr_expect_eq(parse_ok("color=auto").color, RKC__COLOR_AUTO);
  cr_expect_eq(parse_ok("color=always").color, RKC__COLOR_ALWAYS);
  cr_expect_eq(parse_ok("color=never").color, RKC__COLOR_NEVER);
  cr_expect(parse_ok("halt_on_error=1").halt_on_error);
  cr_expect_not(parse_ok("halt_on_error=1 halt_on_error=0").halt_on_error);
  cr_expect_not(parse_ok("halt_on_error=false").halt_on_error);
  cr_expect_eq(parse_ok("exitcode=0").exitcode, 0);
  cr_expect_eq(parse_ok("exitcode=255").exitcode, 255);
  cr_expect_null(parse_ok("strip_path_prefix=/a strip_path_prefix=").strip_path_prefix);
}

Test(options, later_key_overrides_earlier, .timeout = 5) {
  rkc__options o = parse_ok("format=tsan format=json exitcode=1:exitcode=9");
  cr_expect_eq(o.format, RKC__FORMAT_JSON);
  cr_expect_eq(o.exitcode, 9);
}

Test(options, quoted_value_keeps_spaces_and_colons, .timeout = 5) {
  rkc__options o = parse_ok("log_path='/tmp/my logs/race:1' strip_path_prefix=\"C:/src \" format=tsan");
  cr_expect_str_eq(o.log_path, "/tmp/my logs/race:1");
  cr_expect_str_eq(o.strip_path_prefix, "C:/src ");
  cr_expect_eq(o.format, RKC__FORMAT_TSAN);
}

Test(options, unknown_key, .timeout = 5) {
  expect_error("fromat=go", "racekit: RACEKIT_OPTIONS: unknown option 'fromat' " KNOWN);
  expect_error("format=go verbosity=2", "racekit: RACEKIT_OPTIONS: unknown option 'verbosity' " KNOWN);
  expect_error("=go", "racekit: RACEKIT_OPTIONS: unknown option '' " KNOWN);
}

Test(options, bad_values, .timeout = 5) {
  expect_error("format=xml", "racekit: RACEKIT_OPTIONS: bad value 'xml' for format (expected go, tsan or json)");
  expect_error("format=", "racekit: RACEKIT_OPTIONS: bad value '' for format (expected go, tsan or json)");
  expect_error("format=Go", "racekit: RACEKIT_OPTIONS: bad value 'Go' for format (expected go, tsan or json)");
  expect_error("exitcode=300", "racekit: RACEKIT_OPTIONS: bad value '300' for exitcode (expected an integer 0..255)");
  expect_error("exitcode=-1", "racekit: RACEKIT_OPTIONS: bad value '-1' for exitcode (expected an integer 0..255)");
  expect_error("exitcode=6x", "racekit: RACEKIT_OPTIONS: bad value '6x' for exitcode (expected an integer 0..255)");
  expect_error("exitcode=", "racekit: RACEKIT_OPTIONS: bad value '' for exitcode (expected an integer 0..255)");
  expect_error("halt_on_error=yes",
               "racekit: RACEKIT_OPTIONS: bad value 'yes' for halt_on_error (expected 0, 1, true or false)");
  expect_error("color=blue", "racekit: RACEKIT_OPTIONS: bad value 'blue' for color (expected auto, always or never)");
  expect_error("log_path=",
               "racekit: RACEKIT_OPTIONS: bad value '' for log_path (expected a file path, stdout or stderr)");
  expect_error("suppressions=", "racekit: RACEKIT_OPTIONS: bad value '' for suppressions (expected a file path)");
}

Test(options, syntax_errors, .timeout = 5) {
  expect_error("format", "racekit: RACEKIT_OPTIONS: expected key=value, got 'format'");
  expect_error("format=go halt_on_error", "racekit: RACEKIT_OPTIONS: expected key=value, got 'halt_on_error'");
  expect_error("log_path='/tmp/x", "racekit: RACEKIT_OPTIONS: unterminated quote in value of log_path");
  expect_error("log_path='/tmp/x'y",
               "racekit: RACEKIT_OPTIONS: expected a separator after the quoted value of log_path");
}

Test(options, check_names_an_unreadable_suppressions_file, .timeout = 5) {
  rkc__options o = parse_ok("suppressions=/nonexistent/supp.txt");
  char err[1024] = "";
  cr_assert_eq(rkc__options_check(&o, err, sizeof err), -1);
  cr_expect_str_eq(err, "racekit: RACEKIT_OPTIONS: cannot read suppressions file '/nonexistent/supp.txt': No "
                        "such file or directory");
}

Test(options, check_names_a_bad_suppressions_line, .timeout = 5) {
  char path[] = "/tmp/rkc_opt_supp_XXXXXX";
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  const char *text = "race:ok\nrace_bottom:x\n";
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  char opt[128], want[512];
  snprintf(opt, sizeof opt, "suppressions=%s", path);
  rkc__options o = parse_ok(opt);
  char err[1024] = "";
  int rc = rkc__options_check(&o, err, sizeof err);
  unlink(path);
  cr_assert_eq(rc, -1);
  snprintf(want, sizeof want,
           "racekit: RACEKIT_OPTIONS: suppressions file '%s' line 2: unknown suppression type 'race_bottom' "
           "(known: race, race_top, thread, mutex, deadlock, signal, called_from_lib)",
           path);
  cr_expect_str_eq(err, want);
}

Test(options, check_names_an_unwritable_log_path, .timeout = 5) {
  rkc__options o = parse_ok("log_path=/nonexistent/dir/race.log");
  char err[1024] = "";
  cr_assert_eq(rkc__options_check(&o, err, sizeof err), -1);
  cr_expect_str_eq(err,
                   "racekit: RACEKIT_OPTIONS: cannot write log_path '/nonexistent/dir/race.log': No such file or "
                   "directory");
  o = parse_ok("log_path=stdout");
  cr_expect_eq(rkc__options_check(&o, err, sizeof err), 0);
  o = parse_ok("log_path=race.log"); /* the current directory */
  cr_expect_eq(rkc__options_check(&o, err, sizeof err), 0);
}

/* Runs rkc_options_init() in a child with RACEKIT_OPTIONS=value; returns
   its exit status and what it wrote to stderr. */
static int run_init(const char *value, char *out, size_t outlen) {
  int p[2];
  cr_assert_eq(pipe(p), 0);
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    close(p[0]);
    dup2(p[1], 2);
    setenv("RACEKIT_OPTIONS", value, 1);
    rkc_options_init();
    _exit(rkc__opts.format == RKC__FORMAT_TSAN ? 10 : 11);
  }
  close(p[1]);
  size_t len = 0;
  ssize_t n;
  while (len + 1 < outlen && (n = read(p[0], out + len, outlen - 1 - len)) > 0)
    len += (size_t)n;
  out[len] = 0;
  close(p[0]);
  int st;
  cr_assert_eq(waitpid(pid, &st, 0), pid);
  cr_assert(WIFEXITED(st));
  return WEXITSTATUS(st);
}

Test(options, init_exits_2_with_one_line_on_error, .timeout = 10) {
  char out[1024];
  cr_expect_eq(run_init("fromat=go", out, sizeof out), 2);
  cr_expect_str_eq(out, "racekit: RACEKIT_OPTIONS: unknown option 'fromat' " KNOWN "\n");
  cr_expect_eq(run_init("suppressions=/nonexistent/s.txt", out, sizeof out), 2);
  cr_expect_str_eq(out, "racekit: RACEKIT_OPTIONS: cannot read suppressions file '/nonexistent/s.txt': No such "
                        "file or directory\n");
}

Test(options, init_applies_valid_options, .timeout = 10) {
  char out[1024];
  cr_expect_eq(run_init("format=tsan", out, sizeof out), 10);
  cr_expect_str_eq(out, "");
}
