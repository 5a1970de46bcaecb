/* SPDX-License-Identifier: MIT */
/* racekit run: program arguments after --, the program's exit status,
 * build errors, missing files, and the temporary directory removed. Uses
 * the stand-in runtime of fake_rt.c (see test_cli_cc.c). */
#include "cli_test.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *dir;

static void setup(void) {
  dir = rkt_tmpdir();
}

static void teardown(void) {
  rkt_rmtree(dir);
  free(dir);
}

static void write_file(const char *name, const char *text) {
  char *p = rkt_fmt("%s/%s", dir, name);
  rkt_write(p, text);
  free(p);
}

static const char args_prog[] =
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "int main(int argc, char **argv) {\n"
    "  for (int i = 1; i < argc; i++) printf(\"[%s]\", argv[i]);\n"
    "  printf(\"\\n\");\n"
    "  return argc > 1 ? atoi(argv[argc - 1]) : 0;\n"
    "}\n";

Test(cli_run, missing_file_is_one_line_exit_2, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "run", "nosuch.c");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: run: no such file: nosuch.c\n");
  cr_expect_str_eq(r.out, "");
  rkt_result_free(&r);
}

Test(cli_run, program_arguments_need_dashdash, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, CLI_TEST_DEMOS, "run", "counter/racy.c", "input");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: run: no such file: input (program arguments go after --)\n");
  rkt_result_free(&r);
}

Test(cli_run, no_file_is_a_usage_error, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "run", "--", "x");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: run: no C file given (usage: racekit run FILE.c... [-- args])\n");
  rkt_result_free(&r);
}

Test(cli_run, output_and_compile_only_flags_are_refused, .init = setup, .fini = teardown,
     .timeout = 30) {
  write_file("a.c", args_prog);
  rkt_result r;
  RKT_RACEKIT(&r, NULL, dir, "run", "a.c", "-o", "x");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: run: -o cannot be used with run (it builds into a temporary "
                          "directory)\n");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, NULL, dir, "run", "-c", "a.c");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: run: -c cannot be used with run\n");
  rkt_result_free(&r);
}

/* Arguments after -- reach the program; its exit status is racekit's. */
Test(cli_run, passes_arguments_and_exit_status, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("a.c", args_prog);
  char *tmpenv = rkt_fmt("TMPDIR=%s/tmp", dir);
  char *tmpdir = rkt_fmt("%s/tmp", dir);
  cr_assert(mkdir(tmpdir, 0777) == 0);
  const char *const env[] = {"RACEKIT_LIBDIR=" CLI_FAKE_LIBDIR, tmpenv, NULL};
  rkt_result r;
  RKT_RACEKIT(&r, env, dir, "run", "a.c", "-O2", "--", "one", "two words", "--", "7");
  cr_expect_eq(r.status, 7, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "[one][two words][--][7]\n");
  cr_expect_str_eq(r.err, "");
  rkt_result_free(&r);
  cr_expect_eq(rkt_count_entries(tmpdir), 0, "the temporary build directory is removed");
  RKT_RACEKIT(&r, env, dir, "run", "a.c");
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "\n");
  rkt_result_free(&r);
  free(tmpenv);
  free(tmpdir);
}

Test(cli_run, several_files_and_flags, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("main.c", "#include <stdio.h>\nint f(void);\nint main(void) { printf(\"%d\\n\", f()); "
                       "return 0; }\n");
  write_file("f.c", "int f(void) { return VALUE; }\n");
  const char *const env[] = {"RACEKIT_LIBDIR=" CLI_FAKE_LIBDIR, NULL};
  rkt_result r;
  RKT_RACEKIT(&r, env, dir, "run", "main.c", "f.c", "-DVALUE=99");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect_str_eq(r.out, "99\n");
  rkt_result_free(&r);
}

Test(cli_run, killed_program_exits_128_plus_signal, .init = setup, .fini = teardown,
     .timeout = 60) {
  write_file("a.c", "#include <signal.h>\nint main(void) { raise(SIGTERM); return 0; }\n");
  const char *const env[] = {"RACEKIT_LIBDIR=" CLI_FAKE_LIBDIR, NULL};
  rkt_result r;
  RKT_RACEKIT(&r, env, dir, "run", "a.c");
  cr_expect_eq(r.status, 128 + 15);
  rkt_result_free(&r);
}

Test(cli_run, build_errors_exit_with_the_compilers_status, .init = setup, .fini = teardown,
     .timeout = 60) {
  write_file("a.c", "int main(void) { return nope; }\n");
  const char *const env[] = {"RACEKIT_LIBDIR=" CLI_FAKE_LIBDIR, NULL};
  rkt_result r;
  RKT_RACEKIT(&r, env, dir, "run", "a.c");
  cr_expect_eq(r.status, 1);
  cr_expect(strstr(r.err, "a.c:1:"), "%s", r.err);
  cr_expect(strstr(r.err, "nope"), "%s", r.err);
  cr_expect_str_eq(r.out, "");
  rkt_result_free(&r);
}

Test(cli_run, missing_runtime_is_one_line, .init = setup, .fini = teardown, .timeout = 30) {
  write_file("a.c", args_prog);
  char *env = rkt_fmt("RACEKIT_LIBDIR=%s", dir);
  rkt_result r;
  RKT_RACEKIT(&r, ((const char *const[]){env, NULL}), dir, "run", "a.c");
  cr_expect_eq(r.status, 2);
  char *want = rkt_fmt("racekit: run: checker runtime missing: %s/libracekit_rt.a\n", dir);
  cr_expect_str_eq(r.err, want);
  free(want);
  free(env);
  rkt_result_free(&r);
}
