/* SPDX-License-Identifier: MIT */
/* The racekit command: one entry point per subcommand, and the helpers the
 * subcommands share. Each rk_cmd_* takes the arguments after the
 * subcommand name (argv[0] is the subcommand) and returns the exit status. */
#ifndef RACEKIT_CLI_H
#define RACEKIT_CLI_H

#include <stdbool.h>
#include <stddef.h>

int rk_cmd_cc(int argc, char **argv);      /* cli/cc.c */
int rk_cmd_run(int argc, char **argv);     /* cli/run.c */
int rk_cmd_demo(int argc, char **argv);    /* cli/demo.c */
int rk_cmd_compare(int argc, char **argv); /* cli/compare.c */

/* Absolute path of the running racekit binary. */
const char *rk_self_exe(void);

/* Path of a demo's source (racy.c, or fixed.c when fixed) into buf.
   Returns 0, or -1 after printing one line naming the unknown topic and
   the close matches. */
int rk_demo_source(const char *name, bool fixed, char *buf, size_t n);

#endif
