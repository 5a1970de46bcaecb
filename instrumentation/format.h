/* SPDX-License-Identifier: MIT */
/* The three report layouts (format_go.c, format_tsan.c, format_json.c)
 * over a race whose stacks have been symbolised once (format.c).
 */
#ifndef RACEKIT_INSTRUMENTATION_FORMAT_H
#define RACEKIT_INSTRUMENTATION_FORMAT_H

#include <stdbool.h>

#include "options.h"
#include "report.h"
#include "symbolize.h"
#include "textbuf.h"

enum { RKC__XFRAMES = 256 }; /* source frames per stack after inline expansion */

/* A stack after symbolisation: pointers into the symbolizer's cache. */
typedef struct rkc__xstack {
  int n;
  const rkc__frame *f[RKC__XFRAMES];
} rkc__xstack;

typedef struct rkc__srace {
  const rkc_race *race;
  int pid;
  rkc__xstack cur, prev;
  rkc__xstack cur_created, prev_created; /* creation stacks of the two threads */
  rkc__xstack alloc, freed;              /* heap location */
  bool has_global;
  rkc__global global;                    /* RKC_LOC_UNKNOWN resolved to a global */
  bool same_thread_desc;                 /* cur and prev are the same logical thread */
} rkc__srace;

/* Colours in force for one report; empty strings when disabled. */
typedef struct rkc__colors {
  const char *warn, *access, *loc, *thread, *reset;
} rkc__colors;

RKC_HIDDEN void rkc__colors_get(rkc__colors *c, bool enabled);

/* Symbolise every stack of race into s. */
RKC_HIDDEN void rkc__srace_build(rkc__srace *s, const rkc_race *race);

/* path with strip_path_prefix applied (ThreadSanitizer's rule: everything
   up to and including the first occurrence of the prefix goes, and a
   following "./"). NULL stays NULL. */
RKC_HIDDEN const char *rkc__display_path(const char *path);

RKC_HIDDEN void rkc__format_go(const rkc__srace *s, rkc__tbuf *out, const rkc__colors *c);
RKC_HIDDEN void rkc__format_tsan(const rkc__srace *s, rkc__tbuf *out, const rkc__colors *c);
RKC_HIDDEN void rkc__format_json(const rkc__srace *s, rkc__tbuf *out);

/* One report of an already symbolised race, appended to out. */
RKC_HIDDEN void rkc__format_srace(const rkc__srace *s, rkc__format format, bool color, rkc__tbuf *out);

/* The whole text of one report of race in the given format (no colour
   unless color), appended to out. Symbolises; applies no suppression and
   no deduplication. Not thread-safe (uses static scratch: callers hold the
   report lock). */
RKC_HIDDEN void rkc__report_format(const rkc_race *race, rkc__format format, bool color, rkc__tbuf *out);

/* The final line(s) for n reported races in the given format ("" when n is
   0), appended to out. */
RKC_HIDDEN void rkc__report_format_final(unsigned n, rkc__format format, rkc__tbuf *out);

#endif /* RACEKIT_INSTRUMENTATION_FORMAT_H */
