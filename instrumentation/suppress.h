/* SPDX-License-Identifier: MIT */
/* Suppressions in ThreadSanitizer's file syntax: one `TYPE:PATTERN` per
 * line, `#` comments, blank lines ignored. PATTERN is matched against a
 * string with `*` matching any run of characters, a leading `^` anchoring at
 * the start and a trailing `$` at the end; without anchors it may match
 * anywhere inside the string. `race:` applies to every frame of both access
 * stacks, the thread creation stacks and the heap allocation stack, and to
 * the global variable name (function, file and module of each frame);
 * `race_top:` to the top frame of each access stack only. `thread:`,
 * `mutex:`, `deadlock:`, `signal:` and `called_from_lib:` are accepted and
 * have no effect (racekit reports no such issues).
 */
#ifndef RACEKIT_INSTRUMENTATION_SUPPRESS_H
#define RACEKIT_INSTRUMENTATION_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

typedef enum rkc__supp_type {
  RKC__SUPP_RACE,
  RKC__SUPP_RACE_TOP,
  RKC__SUPP_THREAD,
  RKC__SUPP_MUTEX,
  RKC__SUPP_DEADLOCK,
  RKC__SUPP_SIGNAL,
  RKC__SUPP_CALLED_FROM_LIB
} rkc__supp_type;

typedef struct rkc__supp_rule {
  rkc__supp_type type;
  const char *pattern;          /* as written, e.g. "^foo*" */
  unsigned long hits;           /* guarded by the report lock */
  struct rkc__supp_rule *next;
} rkc__supp_rule;

typedef struct rkc__supp {
  rkc__supp_rule *head;         /* immutable once loaded (before the program runs) */
  rkc__supp_rule **tail;
} rkc__supp;

/* The rules in force (loaded by rkc_options_init). */
RKC_HIDDEN extern rkc__supp rkc__supps;

/* Parse the text of a suppressions file (name is used in messages) and
   append its rules. Returns 0, or -1 with one line in err (without the
   "racekit: RACEKIT_OPTIONS: " prefix). */
RKC_HIDDEN int rkc__supp_parse(rkc__supp *s, const char *text, size_t len, const char *name,
                               char *err, size_t errlen);
/* Read and parse a file; -1 with "cannot read suppressions file ..." when it
   cannot be read. */
RKC_HIDDEN int rkc__supp_load(rkc__supp *s, const char *path, char *err, size_t errlen);

/* ThreadSanitizer's template match of str against pattern (see above). An
   empty or NULL str never matches. */
RKC_HIDDEN bool rkc__supp_template_match(const char *pattern, const char *str);

/* The first rule of the given type (RKC__SUPP_RACE or RKC__SUPP_RACE_TOP)
   matching any of the strings (NULLs ignored), or NULL. */
RKC_HIDDEN rkc__supp_rule *rkc__supp_find(const rkc__supp *s, rkc__supp_type type, const char *function,
                                          const char *file, const char *module);

#endif /* RACEKIT_INSTRUMENTATION_SUPPRESS_H */
