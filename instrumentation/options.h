/* SPDX-License-Identifier: MIT */
/* RACEKIT_OPTIONS: the checker's run-time options and their parser.
 * Syntax: key=value pairs separated by spaces or ':'; a value may be quoted
 * with '...' or "..." to hold spaces or ':'. A later key overrides an
 * earlier one. See docs/REPORTS.md for the list.
 */
#ifndef RACEKIT_INSTRUMENTATION_OPTIONS_H
#define RACEKIT_INSTRUMENTATION_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

typedef enum rkc__format {
  RKC__FORMAT_GO,   /* go run -race layout (default) */
  RKC__FORMAT_TSAN, /* ThreadSanitizer layout */
  RKC__FORMAT_JSON  /* one JSON object per line */
} rkc__format;

typedef enum rkc__color {
  RKC__COLOR_AUTO,  /* when the output is a terminal and NO_COLOR is unset */
  RKC__COLOR_ALWAYS,
  RKC__COLOR_NEVER
} rkc__color;

typedef struct rkc__options {
  rkc__format format;
  const char *log_path;          /* NULL or "stderr": stderr; "stdout"; else FILE, written to FILE.<pid> */
  int exitcode;                  /* 0..255, default 66 */
  bool halt_on_error;
  const char *suppressions;      /* path of a suppressions file or NULL */
  const char *strip_path_prefix; /* NULL or "" for none */
  rkc__color color;
  bool no_color_env;             /* NO_COLOR was set (non-empty) at start */
} rkc__options;

/* The options in force. Written by rkc_options_init() before the program
   runs (and by tests); read-only afterwards, so readers need no lock. */
RKC_HIDDEN extern rkc__options rkc__opts;

RKC_HIDDEN void rkc__options_defaults(rkc__options *o);

/* Parse an option string into o (on top of what o holds). Returns 0, or -1
   with the one-line message (starting "racekit: RACEKIT_OPTIONS: ", no
   newline) in err. Pure: opens no file. Strings are copied to permanent
   memory. */
RKC_HIDDEN int rkc__options_parse(const char *s, rkc__options *o, char *err, size_t errlen);

/* The checks that touch the file system: the directory of log_path is
   writable, the suppressions file is readable and parses (its rules are
   loaded into rkc__supps). Returns 0 or -1 with the message in err. */
RKC_HIDDEN int rkc__options_check(const rkc__options *o, char *err, size_t errlen);

#endif /* RACEKIT_INSTRUMENTATION_OPTIONS_H */
