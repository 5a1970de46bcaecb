/* SPDX-License-Identifier: MIT */
/* Growable mmap-backed text buffer; see textbuf.h. Not thread-safe: each
 * buffer belongs to one caller (the report path holds the report lock).
 */
#define _GNU_SOURCE
#include "textbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static bool grow(rkc__tbuf *b, size_t need) {
  if (b->oom)
    return false;
  if (b->len + need + 1 <= b->cap)
    return true;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + need + 1)
    cap *= 2;
  void *p;
  if (b->p)
    p = mremap(b->p, b->cap, cap, MREMAP_MAYMOVE);
  else
    p = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    b->oom = true;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

void rkc__tbuf_free(rkc__tbuf *b) {
  if (b->p)
    munmap(b->p, b->cap);
  b->p = NULL;
  b->len = b->cap = 0;
  b->oom = false;
}

void rkc__tbuf_reset(rkc__tbuf *b) {
  b->len = 0;
  b->oom = false;
  if (b->p)
    b->p[0] = 0;
}

void rkc__tbuf_putn(rkc__tbuf *b, const char *s, size_t n) {
  if (!grow(b, n))
    return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}

void rkc__tbuf_puts(rkc__tbuf *b, const char *s) {
  rkc__tbuf_putn(b, s, strlen(s));
}

void rkc__tbuf_putc(rkc__tbuf *b, char c) {
  rkc__tbuf_putn(b, &c, 1);
}

void rkc__tbuf_putf(rkc__tbuf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof small) {
    rkc__tbuf_putn(b, small, (size_t)n);
    return;
  }
  if (!grow(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s) {
  unsigned c = s[0];
  size_t n;
  unsigned min;
  if (c < 0x80)
    return 1;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
    min = 0x80;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    min = 0x800;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  unsigned cp = c & (0x7f >> n);
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

void rkc__tbuf_json_str(rkc__tbuf *b, const char *str) {
  if (!str) {
    rkc__tbuf_puts(b, "null");
    return;
  }
  const unsigned char *s = (const unsigned char *)str;
  rkc__tbuf_putc(b, '"');
  while (*s) {
    unsigned c = *s;
    switch (c) {
    case '"': rkc__tbuf_puts(b, "\\\""); s++; continue;
    case '\\': rkc__tbuf_puts(b, "\\\\"); s++; continue;
    case '\b': rkc__tbuf_puts(b, "\\b"); s++; continue;
    case '\f': rkc__tbuf_puts(b, "\\f"); s++; continue;
    case '\n': rkc__tbuf_puts(b, "\\n"); s++; continue;
    case '\r': rkc__tbuf_puts(b, "\\r"); s++; continue;
    case '\t': rkc__tbuf_puts(b, "\\t"); s++; continue;
    default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      rkc__tbuf_putf(b, "\\u%04x", c);
      s++;
      continue;
    }
    size_t n = utf8_len(s);
    if (n == 0) { /* not UTF-8 (a Latin-1 file name): keep the byte value */
      rkc__tbuf_putf(b, "\\u%04x", c);
      s++;
      continue;
    }
    rkc__tbuf_putn(b, (const char *)s, n);
    s += n;
  }
  rkc__tbuf_putc(b, '"');
}

const char *rkc__tbuf_str(const rkc__tbuf *b) {
  return b->len ? b->p : "";
}
