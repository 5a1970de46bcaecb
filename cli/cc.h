/* SPDX-License-Identifier: MIT */
/* Building C programs with racekit's checker, shared by `racekit cc`,
 * `racekit run` and `racekit demo`. Private to cli/. */
#ifndef RACEKIT_CLI_CC_H
#define RACEKIT_CLI_CC_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct rk__cc_opts {
  const char *compiler; /* as given: "clang", "gcc", "gcc-12", a path */
  bool verbose;         /* print each command line to stderr */
} rk__cc_opts;

/* The compiler used when none is given: $RACEKIT_CC, else "clang". */
const char *rk__cc_default_compiler(void);

/* Takes racekit's own options (--compiler=NAME, --compiler NAME, -v,
   --verbose, -h, --help) out of argv[0..argc) and appends the others to
   rest. With stop_at_dashdash, stops at "--" and sets *dashdash to its
   index (else argc). Returns 0; 1 when help was asked for; 2 after printing
   an error line prefixed by "racekit: CMD: ". */
int rk__cc_parse_own(const char *cmd, int argc, char **argv, rk__cc_opts *o, rk__argv *rest,
                     bool stop_at_dashdash, int *dashdash);

/* Finds the compiler NAME in PATH into path. Returns 0, or 2 after printing
   one line: which Debian package installs it, or that it is not a C
   compiler racekit supports (clang or gcc). */
int rk__cc_find(const char *cmd, const char *name, char *path, size_t n);

/* Whether a compiler argument names a file the compiler compiles
   (.c, .i, .s, .S). */
bool rk__cc_is_source(const char *arg);

/* The input files (sources, objects, archives) among compiler arguments,
   skipping option values (-o out, -I dir, ...). Appends to inputs. */
void rk__cc_inputs(int argc, char **argv, rk__argv *inputs);

/* Whether the arguments hold one of the options that stop before linking
   (-c, -S, -E, -M, -MM, -fsyntax-only); *which is set to it. */
bool rk__cc_compile_only(int argc, char **argv, const char **which);

/* Compiles and/or links with the checker, exactly as the compiler would
   with args, adding -fsanitize=thread -g, -O1 unless an -O is given and the
   racekit include directory when compiling, and the checker runtime and
   libracekit when linking. Returns the compiler's exit status, or 2 after
   printing one line (compiler not installed, checker runtime not built). */
int rk__cc_build(const char *cmd, const rk__cc_opts *o, int argc, char **argv);

#endif
