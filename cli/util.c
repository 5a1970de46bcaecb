/* SPDX-License-Identifier: MIT */
/* Small helpers of the racekit command: buffers, argument vectors, file
 * tests, colour. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void *rk__xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fprintf(stderr, "racekit: out of memory\n");
    exit(2);
  }
  return p;
}

char *rk__xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = rk__xmalloc(n);
  memcpy(p, s, n);
  return p;
}

static void buf_reserve(rk__buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) {
    fprintf(stderr, "racekit: out of memory\n");
    exit(2);
  }
  b->data = p;
  b->cap = cap;
  b->data[b->len] = '\0';
}

void rk__buf_add(rk__buf *b, const void *p, size_t n) {
  buf_reserve(b, n);
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void rk__buf_addf(rk__buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void rk__buf_free(rk__buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

int rk__buf_read_file(rk__buf *b, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  char chunk[8192];
  size_t n;
  buf_reserve(b, 0);
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    rk__buf_add(b, chunk, n);
  int err = ferror(f) ? EIO : 0;
  fclose(f);
  if (err) {
    errno = err;
    return -1;
  }
  return 0;
}

void rk__argv_add(rk__argv *a, const char *s) {
  if (a->n + 2 > a->cap) {
    int cap = a->cap ? a->cap * 2 : 16;
    char **v = realloc(a->v, (size_t)cap * sizeof *v);
    if (!v) {
      fprintf(stderr, "racekit: out of memory\n");
      exit(2);
    }
    a->v = v;
    a->cap = cap;
  }
  a->v[a->n++] = rk__xstrdup(s);
  a->v[a->n] = NULL;
}

void rk__argv_addf(rk__argv *a, const char *fmt, ...) {
  rk__buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  buf_reserve(&b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b.data, (size_t)n + 1, fmt, ap);
  va_end(ap);
  rk__argv_add(a, b.data);
  rk__buf_free(&b);
}

void rk__argv_free(rk__argv *a) {
  for (int i = 0; i < a->n; i++)
    free(a->v[i]);
  free(a->v);
  a->v = NULL;
  a->n = a->cap = 0;
}

bool rk__has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

const char *rk__basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

bool rk__file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

bool rk__dir_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int rk__color_parse(const char *s, rk__color *out) {
  if (strcmp(s, "auto") == 0)
    *out = RK__COLOR_AUTO;
  else if (strcmp(s, "always") == 0)
    *out = RK__COLOR_ALWAYS;
  else if (strcmp(s, "never") == 0)
    *out = RK__COLOR_NEVER;
  else
    return -1;
  return 0;
}

bool rk__color_on(rk__color mode, FILE *f) {
  if (mode == RK__COLOR_ALWAYS)
    return true;
  if (mode == RK__COLOR_NEVER)
    return false;
  const char *no = getenv("NO_COLOR");
  if (no && *no)
    return false;
  const char *term = getenv("TERM");
  if (term && strcmp(term, "dumb") == 0)
    return false;
  return isatty(fileno(f));
}
