/* SPDX-License-Identifier: MIT */
/* Building and running a program with the checker, shared by `racekit run`
 * and `racekit demo check`. Private to cli/. */
#ifndef RACEKIT_CLI_RUN_H
#define RACEKIT_CLI_RUN_H

#include "cc.h"

/* Builds cc_args (compiler arguments, at least one C file, no -o/-c) with
   the checker into a temporary directory, runs the program with
   prog_args, removes the directory. With timeout_s > 0, a program still
   running after that many seconds is killed (RK__EXIT_TIMEOUT). Returns
   the program's exit status (128+N for signal N), the compiler's when the
   build fails, or 2 after printing one line "racekit: CMD: ..." (missing
   file, usage). */
int rk__run_checked(const char *cmd, const rk__cc_opts *o, int ncc, char **cc_args, int nprog,
                    char **prog_args, int timeout_s);

/* Exit status when racekit stopped a program that ran too long, as
   timeout(1). */
#define RK__EXIT_TIMEOUT 124

#endif
