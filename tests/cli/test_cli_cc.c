/* SPDX-License-Identifier: MIT */
/* racekit cc, as a user calls it: the flags it adds, compiling and linking
 * several files, -c then link, -D/-I/-o, and its one-line errors. Linking
 * uses the stand-in runtime of fake_rt.c (RACEKIT_LIBDIR), so these tests
 * check the driver, not the checker (test_cli_checker.c does that). */
#include "cli_test.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const fake_env[] = {"RACEKIT_LIBDIR=" CLI_FAKE_LIBDIR,
                                       "RACEKIT_FAKE_RT_MARK=1", NULL};

static char *dir;

static void setup(void) {
  dir = rkt_tmpdir();
}

static void teardown(void) {
  rkt_rmtree(dir);
  free(dir);
}

static char *path(const char *name) {
  return rkt_fmt("%s/%s", dir, name);
}

static void write_file(const char *name, const char *text) {
  char *p = path(name);
  rkt_write(p, text);
  free(p);
}

Test(cli_cc, help_is_the_cc_manual, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "cc", "--help");
  cr_expect_eq(r.status, 0);
  cr_expect(strncmp(r.out, "NAME\n    racekit cc - compile and link", 37) == 0, "%s", r.out);
  cr_expect(strstr(r.out, "-Wl,--whole-archive libracekit_rt.a"));
  rkt_result_free(&r);
}

Test(cli_cc, no_arguments_is_a_usage_error, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "cc");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: cc: no input files (usage: racekit cc [--compiler=clang|gcc] "
                          "[-v] FILE.c... [cc args])\n");
  rkt_result_free(&r);
}

Test(cli_cc, missing_compiler_names_its_debian_package, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, ((const char *const[]){"PATH=/nonexistent", NULL}), NULL, "cc", "x.c");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: cc: clang is not installed: apt-get install clang\n");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, ((const char *const[]){"PATH=/nonexistent", NULL}), NULL, "cc",
              "--compiler=gcc", "x.c");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: cc: gcc is not installed: apt-get install gcc\n");
  rkt_result_free(&r);
  RKT_RACEKIT(&r, ((const char *const[]){"PATH=/nonexistent", "RACEKIT_CC=gcc", NULL}), NULL,
              "cc", "x.c");
  cr_expect_str_eq(r.err, "racekit: cc: gcc is not installed: apt-get install gcc\n");
  rkt_result_free(&r);
}

Test(cli_cc, unsupported_compiler_is_refused, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "cc", "--compiler=tcc", "x.c");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: cc: unsupported compiler 'tcc' (use --compiler=clang or "
                          "--compiler=gcc)\n");
  rkt_result_free(&r);
}

Test(cli_cc, missing_runtime_is_one_line_naming_the_file, .init = setup, .fini = teardown,
     .timeout = 30) {
  write_file("a.c", "int main(void) { return 0; }\n");
  char *env = rkt_fmt("RACEKIT_LIBDIR=%s", dir);
  rkt_result r;
  RKT_RACEKIT(&r, ((const char *const[]){env, NULL}), dir, "cc", "a.c");
  cr_expect_eq(r.status, 2);
  char *want = rkt_fmt("racekit: cc: checker runtime missing: %s/libracekit_rt.a\n", dir);
  cr_expect_str_eq(r.err, want);
  char *aout = path("a.out");
  cr_expect_not(rkt_exists(aout), "nothing is linked");
  free(aout);
  free(want);
  free(env);
  rkt_result_free(&r);
}

/* -c compiles with the instrumentation, -O1 by default, racekit's headers;
   -v shows the command. */
Test(cli_cc, compile_only_adds_instrumentation, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("a.c", "#include <racekit/racekit.h>\nint x;\nint get(void) { return x; }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "-v", "-c", "a.c", "-o", "a.o");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  char *want = rkt_fmt("-fsanitize=thread -g -O1 -c a.c -o a.o -I%s\n", CLI_INCLUDEDIR);
  cr_expect(strstr(r.err, want), "-v printed: %s", r.err);
  cr_expect(strncmp(r.err, "/", 1) == 0, "the compiler's full path comes first: %s", r.err);
  long len;
  char *obj = path("a.o");
  char *bytes = rkt_read(obj, &len);
  cr_assert(bytes, "a.o was not written");
  cr_expect(memmem(bytes, (size_t)len, "__tsan_read4", 12), "a.o is not instrumented");
  free(bytes);
  free(obj);
  free(want);
  rkt_result_free(&r);
}

Test(cli_cc, user_optimisation_level_is_kept, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("a.c", "int f(void) { return 1; }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "-v", "-O2", "-c", "a.c");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect(strstr(r.err, " -fsanitize=thread -g -O2 -c a.c "), "%s", r.err);
  cr_expect_not(strstr(r.err, "-O1"), "%s", r.err);
  char *obj = path("a.o");
  cr_expect(rkt_exists(obj));
  free(obj);
  rkt_result_free(&r);
}

/* -D and -I reach the compiler: the file does not compile without them. */
Test(cli_cc, defines_and_include_dirs_are_passed, .init = setup, .fini = teardown,
     .timeout = 60) {
  char *inc = path("inc");
  cr_assert(mkdir(inc, 0777) == 0);
  write_file("inc/answer.h", "#define ANSWER 42\n");
  write_file("a.c", "#include <stdio.h>\n#include \"answer.h\"\n#ifndef GREETING\n#error no "
                    "GREETING\n#endif\nint main(void) { printf(\"%s %d\\n\", GREETING, ANSWER); "
                    "return 0; }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "-I", "inc", "-DGREETING=\"hi\"", "a.c", "-o", "prog");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  rkt_result_free(&r);
  char *prog = path("prog");
  rkt_run(&r, fake_env, dir, (const char *const[]){prog, NULL});
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "hi 42\n");
  cr_expect_str_eq(r.err, "fake checker runtime linked\n");
  rkt_result_free(&r);
  free(prog);
  free(inc);
}

/* Several files in one command, a library flag, the default output name. */
Test(cli_cc, several_files_link_into_a_out, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("main.c", "#include <stdio.h>\nint twice(int);\nint main(void) { printf(\"%d\\n\", "
                       "twice(21)); return 3; }\n");
  write_file("twice.c", "#include <math.h>\nint twice(int x) { return (int)floor(2.0 * x); }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "main.c", "twice.c", "-lm");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  rkt_result_free(&r);
  char *prog = path("a.out");
  rkt_run(&r, fake_env, dir, (const char *const[]){prog, NULL});
  cr_expect_eq(r.status, 3);
  cr_expect_str_eq(r.out, "42\n");
  rkt_result_free(&r);
  cr_expect_eq(rkt_count_entries(dir), 3, "no object files are left next to the sources");
  free(prog);
}

/* -c first, then a link of the objects (and -lracekit, which racekit
   supplies itself). */
Test(cli_cc, compile_then_link_objects, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("main.c", "#include <stdio.h>\nint twice(int);\nint main(void) { printf(\"%d\\n\", "
                       "twice(4)); return 0; }\n");
  write_file("twice.c", "int twice(int x) { return 2 * x; }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "-c", "main.c", "twice.c");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  rkt_result_free(&r);
  RKT_RACEKIT(&r, fake_env, dir, "cc", "-v", "-o", "prog", "main.o", "twice.o", "-lracekit");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect(strstr(r.err, " -o prog main.o twice.o -Wl,--whole-archive " CLI_FAKE_LIBDIR
                          "/libracekit_rt.a -Wl,--no-whole-archive " CLI_FAKE_LIBDIR
                          "/libracekit.a -ldw -lelf -lpthread -ldl -lm\n"),
            "link line: %s", r.err);
  cr_expect_not(strstr(r.err, "-fsanitize"), "the link never gets -fsanitize: %s", r.err);
  cr_expect_not(strstr(r.err, "-lracekit "), "%s", r.err);
  rkt_result_free(&r);
  char *prog = path("prog");
  rkt_run(&r, fake_env, dir, (const char *const[]){prog, NULL});
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "8\n");
  cr_expect_str_eq(r.err, "fake checker runtime linked\n");
  rkt_result_free(&r);
  free(prog);
}

Test(cli_cc, gcc_compiles_with_tsan_and_links_the_checker, .init = setup, .fini = teardown,
     .timeout = 60) {
  write_file("a.c", "#include <stdio.h>\nint v;\nint main(void) { v = 5; printf(\"%d\\n\", v); "
                    "return 0; }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "--compiler=gcc", "-v", "a.c", "-o", "prog");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect(strstr(r.err, "gcc -c -fsanitize=thread -g -O1 -I"), "%s", r.err);
  rkt_result_free(&r);
  char *prog = path("prog");
  rkt_run(&r, fake_env, dir, (const char *const[]){prog, NULL});
  cr_expect_str_eq(r.out, "5\n");
  cr_expect_str_eq(r.err, "fake checker runtime linked\n", "not libtsan: %s", r.err);
  rkt_result_free(&r);
  free(prog);
}

Test(cli_cc, compiler_errors_pass_through, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("bad.c", "int main(void) { return undefined_name; }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "bad.c", "-o", "prog");
  cr_expect_eq(r.status, 1);
  cr_expect(strstr(r.err, "bad.c:1:"), "%s", r.err);
  cr_expect(strstr(r.err, "undefined_name"), "%s", r.err);
  char *prog = path("prog");
  cr_expect_not(rkt_exists(prog));
  free(prog);
  rkt_result_free(&r);
}

/* A shared library is instrumented but gets no runtime: the program that
   loads it (linked by racekit cc) has it, once. */
Test(cli_cc, shared_library_gets_no_runtime, .init = setup, .fini = teardown, .timeout = 60) {
  write_file("lib.c", "int shared_value(void) { static int v = 11; return v; }\n");
  write_file("main.c", "#include <stdio.h>\nint shared_value(void);\nint main(void) { "
                       "printf(\"%d\\n\", shared_value()); return 0; }\n");
  rkt_result r;
  RKT_RACEKIT(&r, fake_env, dir, "cc", "-v", "-shared", "-fPIC", "lib.c", "-o", "libsv.so");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect(strstr(r.err, " -c -fsanitize=thread -g -O1 -fPIC -I"), "%s", r.err);
  cr_expect(strstr(r.err, "/0-lib.o -o libsv.so\n"), "%s", r.err);
  cr_expect_not(strstr(r.err, "libracekit_rt.a"), "%s", r.err);
  rkt_result_free(&r);
  RKT_RACEKIT(&r, fake_env, dir, "cc", "main.c", "-L.", "-lsv", "-o", "prog");
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  rkt_result_free(&r);
  char *prog = path("prog"), *ld = rkt_fmt("LD_LIBRARY_PATH=%s", dir);
  rkt_run(&r, ((const char *const[]){ld, "RACEKIT_FAKE_RT_MARK=1", NULL}), dir,
          (const char *const[]){prog, NULL});
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "11\n");
  cr_expect_str_eq(r.err, "fake checker runtime linked\n");
  rkt_result_free(&r);
  free(prog);
  free(ld);
}
