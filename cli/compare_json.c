/* SPDX-License-Identifier: MIT */
/* A small strict JSON reader (RFC 8259) for racekit's json reports: a tree
 * of values, with the line of each error. Depth is limited so hostile input
 * cannot exhaust the stack. Self-contained (libc only) like tsanlog.c. */
#include "compare_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 };

typedef struct jparser {
  const char *s, *end;
  const char *start;
  char *err;
  size_t errlen;
  const char *name;
  int line_base;
  bool failed;
} jparser;

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fputs("racekit: out of memory\n", stderr);
    exit(2);
  }
  return q;
}

static int line_of(const jparser *p, const char *at) {
  int line = p->line_base;
  for (const char *c = p->start; c < at && c < p->end; c++)
    if (*c == '\n')
      line++;
  return line;
}

static void jfail(jparser *p, const char *what) {
  if (p->failed)
    return;
  p->failed = true;
  if (p->errlen)
    snprintf(p->err, p->errlen, "%s:%d: %s", p->name, line_of(p, p->s), what);
}

static void skip_ws(jparser *p) {
  while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
    p->s++;
}

static void utf8_put(char **d, unsigned cp) {
  char *o = *d;
  if (cp < 0x80) {
    *o++ = (char)cp;
  } else if (cp < 0x800) {
    *o++ = (char)(0xc0 | (cp >> 6));
    *o++ = (char)(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    *o++ = (char)(0xe0 | (cp >> 12));
    *o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
    *o++ = (char)(0x80 | (cp & 0x3f));
  } else {
    *o++ = (char)(0xf0 | (cp >> 18));
    *o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
    *o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
    *o++ = (char)(0x80 | (cp & 0x3f));
  }
  *d = o;
}

static int hex4(const char *s, const char *end, unsigned *out) {
  if (end - s < 4)
    return -1;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (unsigned)(c - 'A' + 10);
    else
      return -1;
  }
  *out = v;
  return 0;
}

/* At an opening quote. Returns a NUL-terminated copy (NUL escapes become
   '?'), or NULL on error. */
static char *parse_string(jparser *p) {
  p->s++; /* '"' */
  /* The decoded string is never longer than the encoded one. */
  const char *q = p->s;
  while (q < p->end && *q != '"')
    q += (*q == '\\' && q + 1 < p->end) ? 2 : 1;
  if (q >= p->end) {
    jfail(p, "unterminated string");
    return NULL;
  }
  char *out = xrealloc(NULL, (size_t)(q - p->s) + 4);
  char *d = out;
  while (*p->s != '"') {
    unsigned char c = (unsigned char)*p->s;
    if (c < 0x20) {
      free(out);
      jfail(p, "control character in string");
      return NULL;
    }
    if (c != '\\') {
      *d++ = (char)c;
      p->s++;
      continue;
    }
    p->s++;
    char e = *p->s++;
    switch (e) {
    case '"': *d++ = '"'; break;
    case '\\': *d++ = '\\'; break;
    case '/': *d++ = '/'; break;
    case 'b': *d++ = '\b'; break;
    case 'f': *d++ = '\f'; break;
    case 'n': *d++ = '\n'; break;
    case 'r': *d++ = '\r'; break;
    case 't': *d++ = '\t'; break;
    case 'u': {
      unsigned cp;
      if (hex4(p->s, p->end, &cp) != 0) {
        free(out);
        jfail(p, "bad \\u escape in string");
        return NULL;
      }
      p->s += 4;
      if (cp >= 0xd800 && cp < 0xdc00 && p->end - p->s >= 6 && p->s[0] == '\\' &&
          p->s[1] == 'u') {
        unsigned lo;
        if (hex4(p->s + 2, p->end, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          p->s += 6;
        }
      }
      if (cp == 0 || (cp >= 0xd800 && cp < 0xe000))
        cp = '?';
      /* A 6-byte escape yields at most 4 bytes: fits. */
      utf8_put(&d, cp);
      break;
    }
    default:
      free(out);
      jfail(p, "bad escape in string");
      return NULL;
    }
  }
  p->s++; /* closing '"' */
  *d = '\0';
  return out;
}

static bool parse_value(jparser *p, rk__json *v, int depth);

static bool parse_number(jparser *p, rk__json *v) {
  const char *s = p->s;
  if (s < p->end && *s == '-')
    s++;
  if (s >= p->end || !(*s >= '0' && *s <= '9')) {
    jfail(p, "bad number");
    return false;
  }
  if (*s == '0')
    s++;
  else
    while (s < p->end && *s >= '0' && *s <= '9')
      s++;
  if (s < p->end && *s == '.') {
    s++;
    if (s >= p->end || !(*s >= '0' && *s <= '9')) {
      jfail(p, "bad number");
      return false;
    }
    while (s < p->end && *s >= '0' && *s <= '9')
      s++;
  }
  if (s < p->end && (*s == 'e' || *s == 'E')) {
    s++;
    if (s < p->end && (*s == '+' || *s == '-'))
      s++;
    if (s >= p->end || !(*s >= '0' && *s <= '9')) {
      jfail(p, "bad number");
      return false;
    }
    while (s < p->end && *s >= '0' && *s <= '9')
      s++;
  }
  char buf[64];
  size_t n = (size_t)(s - p->s);
  if (n >= sizeof buf) {
    jfail(p, "number too long");
    return false;
  }
  memcpy(buf, p->s, n);
  buf[n] = '\0';
  v->type = RK__JSON_NUMBER;
  v->num = strtod(buf, NULL);
  p->s = s;
  return true;
}

static bool literal(jparser *p, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(p->end - p->s) < n || memcmp(p->s, word, n) != 0) {
    jfail(p, "unexpected character");
    return false;
  }
  p->s += n;
  return true;
}

static bool parse_container(jparser *p, rk__json *v, int depth, bool object) {
  p->s++; /* '[' or '{' */
  v->type = object ? RK__JSON_OBJECT : RK__JSON_ARRAY;
  skip_ws(p);
  if (p->s < p->end && *p->s == (object ? '}' : ']')) {
    p->s++;
    return true;
  }
  for (;;) {
    char *key = NULL;
    if (object) {
      skip_ws(p);
      if (p->s >= p->end || *p->s != '"') {
        jfail(p, "expected a string key");
        return false;
      }
      key = parse_string(p);
      if (!key)
        return false;
      skip_ws(p);
      if (p->s >= p->end || *p->s != ':') {
        free(key);
        jfail(p, "expected ':'");
        return false;
      }
      p->s++;
    }
    v->items = xrealloc(v->items, (size_t)(v->n + 1) * sizeof *v->items);
    if (object)
      v->keys = xrealloc(v->keys, (size_t)(v->n + 1) * sizeof *v->keys);
    rk__json *item = &v->items[v->n];
    memset(item, 0, sizeof *item);
    if (object)
      v->keys[v->n] = key;
    v->n++;
    if (!parse_value(p, item, depth + 1))
      return false;
    skip_ws(p);
    if (p->s < p->end && *p->s == ',') {
      p->s++;
      continue;
    }
    if (p->s < p->end && *p->s == (object ? '}' : ']')) {
      p->s++;
      return true;
    }
    jfail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
    return false;
  }
}

static bool parse_value(jparser *p, rk__json *v, int depth) {
  if (depth > MAX_DEPTH) {
    jfail(p, "nested too deeply");
    return false;
  }
  skip_ws(p);
  if (p->s >= p->end) {
    jfail(p, "unexpected end of input");
    return false;
  }
  switch (*p->s) {
  case '{':
    return parse_container(p, v, depth, true);
  case '[':
    return parse_container(p, v, depth, false);
  case '"':
    v->type = RK__JSON_STRING;
    v->str = parse_string(p);
    return v->str != NULL;
  case 't':
    v->type = RK__JSON_BOOL;
    v->b = true;
    return literal(p, "true");
  case 'f':
    v->type = RK__JSON_BOOL;
    return literal(p, "false");
  case 'n':
    v->type = RK__JSON_NULL;
    return literal(p, "null");
  default:
    if (*p->s == '-' || (*p->s >= '0' && *p->s <= '9'))
      return parse_number(p, v);
    jfail(p, "unexpected character");
    return false;
  }
}

void rk__json_free(rk__json *v) {
  if (!v)
    return;
  for (int i = 0; i < v->n; i++) {
    rk__json_free(&v->items[i]);
    if (v->keys)
      free(v->keys[i]);
  }
  free(v->items);
  free(v->keys);
  free(v->str);
  memset(v, 0, sizeof *v);
}

int rk__json_parse_seq(const char *text, size_t len, const char *name, rk__json *out, char *err,
                       size_t errlen) {
  memset(out, 0, sizeof *out);
  out->type = RK__JSON_ARRAY;
  jparser p = {.s = text, .end = text + len, .start = text, .err = err, .errlen = errlen,
               .name = name, .line_base = 1};
  if (errlen)
    err[0] = '\0';
  for (;;) {
    skip_ws(&p);
    if (p.s >= p.end)
      return 0;
    out->items = xrealloc(out->items, (size_t)(out->n + 1) * sizeof *out->items);
    rk__json *item = &out->items[out->n++];
    memset(item, 0, sizeof *item);
    if (!parse_value(&p, item, 0))
      return -1;
  }
}

const rk__json *rk__json_get(const rk__json *obj, const char *key) {
  if (!obj || obj->type != RK__JSON_OBJECT)
    return NULL;
  for (int i = 0; i < obj->n; i++)
    if (strcmp(obj->keys[i], key) == 0)
      return &obj->items[i];
  return NULL;
}

const char *rk__json_str(const rk__json *obj, const char *key) {
  const rk__json *v = rk__json_get(obj, key);
  return v && v->type == RK__JSON_STRING ? v->str : NULL;
}
