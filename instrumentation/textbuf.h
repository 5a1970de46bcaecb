/* SPDX-License-Identifier: MIT */
/* A growable text buffer (mmap-backed, never malloc) into which the
 * reporting side formats a whole report before one write(2), and the JSON
 * string escaper.
 */
#ifndef RACEKIT_INSTRUMENTATION_TEXTBUF_H
#define RACEKIT_INSTRUMENTATION_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

typedef struct rkc__tbuf {
  char *p;     /* NUL-terminated when len > 0 */
  size_t len;
  size_t cap;  /* bytes mapped */
  bool oom;    /* a grow failed: the text is truncated */
} rkc__tbuf;

#define RKC__TBUF_INIT {NULL, 0, 0, false}

RKC_HIDDEN void rkc__tbuf_free(rkc__tbuf *b);
RKC_HIDDEN void rkc__tbuf_reset(rkc__tbuf *b); /* len = 0, keeps the memory */
RKC_HIDDEN void rkc__tbuf_putn(rkc__tbuf *b, const char *s, size_t n);
RKC_HIDDEN void rkc__tbuf_puts(rkc__tbuf *b, const char *s);
RKC_HIDDEN void rkc__tbuf_putc(rkc__tbuf *b, char c);
RKC_HIDDEN void rkc__tbuf_putf(rkc__tbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* s as a JSON string literal with quotes, escaped per RFC 8259 (control
   characters as \u00XX, invalid UTF-8 bytes as \u00XX of the byte);
   NULL becomes null. */
RKC_HIDDEN void rkc__tbuf_json_str(rkc__tbuf *b, const char *s);
/* The text (never NULL: "" when empty). */
RKC_HIDDEN const char *rkc__tbuf_str(const rkc__tbuf *b);

#endif /* RACEKIT_INSTRUMENTATION_TEXTBUF_H */
