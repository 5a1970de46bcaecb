/* SPDX-License-Identifier: MIT */
/* racekit's dispatch: --version, --help, help CMD, unknown commands. */
#include "cli_test.h"

#include <criterion/criterion.h>
#include <racekit/racekit.h>

#include <stdlib.h>
#include <string.h>

Test(cli_main, version_prints_the_library_version, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "--version");
  cr_expect_eq(r.status, 0);
  cr_expect_str_eq(r.out, "racekit " RACEKIT_VERSION_STRING "\n");
  cr_expect_str_eq(r.err, "");
  rkt_result_free(&r);
}

Test(cli_main, help_is_a_manual_listing_the_commands, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "--help");
  cr_expect_eq(r.status, 0);
  cr_expect(strncmp(r.out, "NAME\n    racekit - ", 19) == 0, "got: %s", r.out);
  static const char *const cmds[] = {"\n    cc ", "\n    run ", "\n    demo ", "\n    compare ",
                                     "SYNOPSIS\n", "EXIT STATUS\n"};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    cr_expect(strstr(r.out, cmds[i]), "--help lacks '%s'", cmds[i]);
  cr_expect_str_eq(r.err, "");
  rkt_result_free(&r);
}

Test(cli_main, no_command_prints_help_and_fails, .timeout = 30) {
  rkt_result r;
  rkt_run(&r, NULL, NULL, (const char *const[]){RACEKIT_EXE, NULL});
  cr_expect_eq(r.status, 2);
  cr_expect(strstr(r.out, "SYNOPSIS"));
  rkt_result_free(&r);
}

Test(cli_main, unknown_command_is_one_line_exit_2, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "foo");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: unknown command 'foo' (run 'racekit --help')\n");
  cr_expect_str_eq(r.out, "");
  rkt_result_free(&r);
}

Test(cli_main, unknown_option_is_one_line_exit_2, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "--frobnicate");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: unknown option '--frobnicate' (run 'racekit --help')\n");
  rkt_result_free(&r);
}

/* Every command and demo subcommand has a manual, and `racekit help CMD`
   prints the same text as `racekit CMD --help`. */
Test(cli_main, every_command_has_help, .timeout = 60) {
  static const char *const cmds[][2] = {
      {"cc", NULL},        {"run", NULL},       {"demo", NULL},       {"demo", "list"},
      {"demo", "show"},    {"demo", "run"},     {"demo", "check"},    {"demo", "tsan"},
      {"demo", "diff"},    {"demo", "tour"},    {"demo", "exercise"}, {"demo", "verify"},
      {"demo", "go"}};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    rkt_result a, b;
    if (cmds[i][1]) {
      RKT_RACEKIT(&a, NULL, NULL, cmds[i][0], cmds[i][1], "--help");
      RKT_RACEKIT(&b, NULL, NULL, "help", cmds[i][0], cmds[i][1]);
    } else {
      RKT_RACEKIT(&a, NULL, NULL, cmds[i][0], "--help");
      RKT_RACEKIT(&b, NULL, NULL, "help", cmds[i][0]);
    }
    char *name = rkt_fmt("NAME\n    racekit %s%s%s - ", cmds[i][0], cmds[i][1] ? " " : "",
                         cmds[i][1] ? cmds[i][1] : "");
    cr_expect_eq(a.status, 0, "%s %s --help: exit %d", cmds[i][0], cmds[i][1], a.status);
    cr_expect(strncmp(a.out, name, strlen(name)) == 0, "%s %s --help starts: %.60s", cmds[i][0],
              cmds[i][1], a.out);
    cr_expect(strstr(a.out, "\nSYNOPSIS\n"), "%s %s --help has no SYNOPSIS", cmds[i][0],
              cmds[i][1]);
    cr_expect_str_eq(a.out, b.out);
    cr_expect_eq(b.status, 0);
    free(name);
    rkt_result_free(&a);
    rkt_result_free(&b);
  }
}

Test(cli_main, help_of_unknown_command_fails, .timeout = 30) {
  rkt_result r;
  RKT_RACEKIT(&r, NULL, NULL, "help", "frob");
  cr_expect_eq(r.status, 2);
  cr_expect_str_eq(r.err, "racekit: unknown command 'frob' (run 'racekit --help')\n");
  rkt_result_free(&r);
}
