/* SPDX-License-Identifier: MIT */
/* `racekit compare`: reading racekit's own reports. format=json (JSON Lines,
 * schema 1, docs/REPORTS.md) is what compare asks the checker for; the go
 * format (the default) and the tsan format are read too, so that
 * --racekit-log accepts whatever a user saved. */
#include "compare.h"
#include "compare_json.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The access of a racekit report as a comparison access, from a stack
   converted to the parser's frames (strings borrowed). */
static rk__cmp_access access_from_stack(const rk_tsan_stack *s, bool write, bool atomic,
                                        char *unknown) {
  rk__cmp_access x = {.file = unknown, .write = write, .atomic = atomic};
  const rk_tsan_frame *f = rk_tsan_user_frame(s);
  if (f && f->file && f->line > 0) {
    x.file = (char *)rk__basename(f->file);
    x.line = f->line;
  } else if (f && f->module) {
    x.file = f->module;
  }
  return x;
}

/* ------------------------------------------------------------------ json */

static bool json_access(const rk__json *a, rk__cmp_access *out, rk_tsan_stack *st,
                        char *unknown) {
  const char *kind = rk__json_str(a, "kind");
  const rk__json *atomic = rk__json_get(a, "atomic");
  const rk__json *stack = rk__json_get(a, "stack");
  if (!kind || (strcmp(kind, "read") != 0 && strcmp(kind, "write") != 0) || !atomic ||
      atomic->type != RK__JSON_BOOL || !stack || stack->type != RK__JSON_ARRAY)
    return false;
  st->n = 0;
  st->restored = true;
  st->frames = rk__xmalloc((size_t)(stack->n ? stack->n : 1) * sizeof *st->frames);
  for (int i = 0; i < stack->n; i++) {
    const rk__json *f = &stack->items[i];
    rk_tsan_frame *fr = &st->frames[st->n++];
    memset(fr, 0, sizeof *fr);
    fr->func = (char *)rk__json_str(f, "function");
    fr->file = (char *)rk__json_str(f, "file");
    fr->module = (char *)rk__json_str(f, "module");
    const rk__json *line = rk__json_get(f, "line");
    if (line && line->type == RK__JSON_NUMBER && line->num > 0 && line->num < 1e9)
      fr->line = (int)line->num;
  }
  *out = access_from_stack(st, strcmp(kind, "write") == 0, atomic->b, unknown);
  return true;
}

static int parse_json(rk__cmp_tool *t, const char *text, size_t len, const char *name, char *err,
                      size_t errlen) {
  rk__json doc;
  if (rk__json_parse_seq(text, len, name, &doc, err, errlen) != 0) {
    rk__json_free(&doc);
    return -1;
  }
  /* Line numbers for messages: racekit writes one object per line. */
  int races = 0, rc = 0;
  rk__cmp_tool seen = {0};
  for (int i = 0; i < doc.n && rc == 0; i++) {
    const rk__json *o = &doc.items[i];
    const char *type = rk__json_str(o, "type");
    if (o->type != RK__JSON_OBJECT || !type) {
      snprintf(err, errlen, "%s: report %d: not a racekit report object (no \"type\")", name,
               i + 1);
      rc = -1;
      break;
    }
    if (strcmp(type, "summary") == 0)
      continue; /* the last line: {"type":"summary","races":N} */
    if (strcmp(type, "data-race") != 0) {
      rk__cmp_add_other(t, type, NULL);
      continue;
    }
    char unknown[] = "?";
    rk_tsan_stack s1 = {0}, s2 = {0};
    rk__cmp_access x, y;
    const rk__json *a = rk__json_get(o, "access"), *b = rk__json_get(o, "previous");
    if (!a || !b || !json_access(a, &x, &s1, unknown) || !json_access(b, &y, &s2, unknown)) {
      snprintf(err, errlen,
               "%s: report %d: data race without two accesses (\"access\", \"previous\")", name,
               i + 1);
      rc = -1;
    } else {
      rk__cmp_add_race(t, &x, &y);
      rk__cmp_add_race(&seen, &x, &y);
    }
    free(s1.frames);
    free(s2.frames);
  }
  races = seen.nraces;
  for (int i = 0; i < seen.nraces; i++) {
    free(seen.races[i].a.file);
    free(seen.races[i].b.file);
  }
  free(seen.races);
  rk__json_free(&doc);
  return rc == 0 ? races : -1;
}

/* -------------------------------------------------------------------- go */

typedef struct go_access {
  bool write, atomic;
  rk_tsan_stack stack;
} go_access;

static void go_access_free(go_access *a) {
  for (int i = 0; i < a->stack.n; i++) {
    free(a->stack.frames[i].func);
    free(a->stack.frames[i].file);
    free(a->stack.frames[i].module);
  }
  free(a->stack.frames);
  memset(a, 0, sizeof *a);
}

/* "Write at 0x... by thread T1:" and its Previous/Atomic variants. */
static bool go_header(const char *l, bool *write, bool *atomic) {
  const char *p = l;
  if (strncmp(p, "Previous ", 9) == 0)
    p += 9;
  *atomic = false;
  if (strncmp(p, "atomic ", 7) == 0 || strncmp(p, "Atomic ", 7) == 0) {
    *atomic = true;
    p += 7;
  }
  if (strncmp(p, "write at 0x", 11) == 0 || strncmp(p, "Write at 0x", 11) == 0)
    *write = true;
  else if (strncmp(p, "read at 0x", 10) == 0 || strncmp(p, "Read at 0x", 10) == 0)
    *write = false;
  else
    return false;
  size_t n = strlen(p);
  return strstr(p, " by ") && p[n - 1] == ':';
}

/* "      file:line[:col] [+0xOFF]" or "      ?? (module+0xOFF)". */
static void go_location(const char *l, rk_tsan_frame *f) {
  while (*l == ' ' || *l == '\t')
    l++;
  if (strncmp(l, "?? (", 4) == 0) {
    const char *e = strstr(l, "+0x");
    size_t n = e ? (size_t)(e - (l + 4)) : strcspn(l + 4, ")");
    f->module = rk__xmalloc(n + 1);
    memcpy(f->module, l + 4, n);
    f->module[n] = '\0';
    return;
  }
  size_t n = strcspn(l, " ");
  char *file = rk__xmalloc(n + 1);
  memcpy(file, l, n);
  file[n] = '\0';
  long nums[2];
  int k = 0;
  while (k < 2) {
    char *colon = strrchr(file, ':');
    if (!colon || colon == file || !colon[1])
      break;
    char *end;
    long v = strtol(colon + 1, &end, 10);
    if (*end || !isdigit((unsigned char)colon[1]))
      break;
    nums[k++] = v;
    *colon = '\0';
  }
  if (k == 0) {
    free(file);
    return;
  }
  f->file = file;
  f->line = (int)(k == 2 ? nums[1] : nums[0]);
  f->col = k == 2 ? (int)nums[0] : 0;
}

static int parse_go(rk__cmp_tool *t, const char *text, size_t len, const char *name, char *err,
                    size_t errlen) {
  rk__cmp_tool seen = {0};
  bool in = false;
  int start = 0, lineno = 0, rc = 0;
  go_access acc[2];
  int nacc = 0;
  memset(acc, 0, sizeof acc);
  rk_tsan_stack *sink = NULL;
  size_t pos = 0;
  while (pos < len && rc == 0) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
    char *l = rk__xmalloc(n + 1);
    memcpy(l, text + pos, n);
    l[n] = '\0';
    for (size_t i = 0; i < n; i++)
      if (l[i] == '\0' || l[i] == '\r')
        l[i] = ' ';
    pos += n + (nl ? 1 : 0);
    lineno++;
    if (!in) {
      if (strcmp(l, "WARNING: DATA RACE") == 0) {
        in = true;
        start = lineno;
        nacc = 0;
        sink = NULL;
      }
    } else if (strspn(l, "=") >= 10 && l[strspn(l, "=")] == '\0') {
      in = false;
      if (nacc != 2) {
        snprintf(err, errlen, "%s:%d: data race report has %d access%s (expected 2)", name,
                 start, nacc, nacc == 1 ? "" : "es");
        rc = -1;
      } else {
        char unknown[] = "?";
        rk__cmp_access x = access_from_stack(&acc[0].stack, acc[0].write, acc[0].atomic, unknown);
        rk__cmp_access y = access_from_stack(&acc[1].stack, acc[1].write, acc[1].atomic, unknown);
        rk__cmp_add_race(t, &x, &y);
        rk__cmp_add_race(&seen, &x, &y);
      }
      for (int i = 0; i < 2; i++)
        go_access_free(&acc[i]);
      nacc = 0;
    } else if (strcmp(l, "WARNING: DATA RACE") == 0) {
      snprintf(err, errlen, "%s:%d: report truncated (no end marker)", name, start);
      rc = -1;
    } else {
      bool w, a;
      if (l[0] != ' ' && go_header(l, &w, &a)) {
        if (nacc == 2) {
          snprintf(err, errlen, "%s:%d: more than two accesses in one report", name, lineno);
          rc = -1;
        } else {
          acc[nacc].write = w;
          acc[nacc].atomic = a;
          acc[nacc].stack.restored = true;
          sink = &acc[nacc].stack;
          nacc++;
        }
      } else if (l[0] == ' ' && l[1] == ' ' && l[2] != ' ' && sink) {
        /* "  func()": a new frame. */
        sink->frames = realloc(sink->frames, (size_t)(sink->n + 1) * sizeof *sink->frames);
        if (!sink->frames) {
          fputs("racekit: out of memory\n", stderr);
          exit(2);
        }
        rk_tsan_frame *f = &sink->frames[sink->n++];
        memset(f, 0, sizeof *f);
        size_t fl = strlen(l + 2);
        if (fl >= 2 && strcmp(l + 2 + fl - 2, "()") == 0)
          fl -= 2;
        f->func = rk__xmalloc(fl + 1);
        memcpy(f->func, l + 2, fl);
        f->func[fl] = '\0';
      } else if (strncmp(l, "      ", 6) == 0 && sink && sink->n > 0 &&
                 !sink->frames[sink->n - 1].file && !sink->frames[sink->n - 1].module) {
        go_location(l, &sink->frames[sink->n - 1]);
      } else if (l[0] != ' ') {
        sink = NULL; /* location, thread creation: not needed */
      }
    }
    free(l);
  }
  if (rc == 0 && in) {
    snprintf(err, errlen, "%s:%d: report truncated (no end marker)", name, start);
    rc = -1;
  }
  for (int i = 0; i < 2; i++)
    go_access_free(&acc[i]);
  int races = seen.nraces;
  for (int i = 0; i < seen.nraces; i++) {
    free(seen.races[i].a.file);
    free(seen.races[i].b.file);
  }
  free(seen.races);
  return rc == 0 ? races : -1;
}

/* ------------------------------------------------------------------ entry */

int rk__cmp_parse_racekit(rk__cmp_tool *t, const char *text, size_t len, const char *name,
                          char *err, size_t errlen) {
  size_t i = 0;
  while (i < len && isspace((unsigned char)text[i]))
    i++;
  if (i < len && text[i] == '{')
    return parse_json(t, text, len, name, err, errlen);
  if (memmem(text, len, "WARNING: DATA RACE", 18))
    return parse_go(t, text, len, name, err, errlen);
  rk_tsan_log log;
  int rc = rk_tsan_parse(text, len, name, &log, err, errlen);
  int races = rk__cmp_add_tsan_log(t, &log);
  rk_tsan_log_free(&log);
  return rc == 0 ? races : -1;
}
