/* SPDX-License-Identifier: MIT */
/* The ThreadSanitizer log parser (see tsanlog.h). A line-by-line state
 * machine: outside a report every line is the program's own output except
 * a "WARNING: ThreadSanitizer:" header, the "reported N warnings" trailer
 * and fatal errors; inside a report the structured lines (accesses, frames)
 * must parse exactly, and the report must end with a "=====" marker. */
#include "tsanlog.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Out of memory in the parser: the CLI cannot go on. */
static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fputs("racekit: out of memory\n", stderr);
    exit(2);
  }
  return q;
}

static char *xstrndup(const char *s, size_t n) {
  char *d = xrealloc(NULL, n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

static bool starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* If s starts with prefix, advances *s past it. */
static bool eat(const char **s, const char *prefix) {
  size_t n = strlen(prefix);
  if (strncmp(*s, prefix, n) != 0)
    return false;
  *s += n;
  return true;
}

/* Parses a decimal number of at most 9 digits. */
static bool eat_int(const char **s, long *out) {
  const char *p = *s;
  long v = 0;
  int digits = 0;
  while (isdigit((unsigned char)*p) && digits < 18) {
    v = v * 10 + (*p - '0');
    p++;
    digits++;
  }
  if (digits == 0 || isdigit((unsigned char)*p))
    return false;
  *out = v;
  *s = p;
  return true;
}

/* Parses "0x" and 1..16 hex digits. */
static bool eat_hex(const char **s, unsigned long long *out) {
  const char *p = *s;
  if (!eat(&p, "0x"))
    return false;
  unsigned long long v = 0;
  int digits = 0;
  while (isxdigit((unsigned char)*p) && digits < 16) {
    int c = tolower((unsigned char)*p);
    v = v * 16 + (unsigned)(isdigit(c) ? c - '0' : c - 'a' + 10);
    p++;
    digits++;
  }
  if (digits == 0 || isxdigit((unsigned char)*p))
    return false;
  *out = v;
  *s = p;
  return true;
}

/* ------------------------------------------------------------ structures */

static void stack_free(rk_tsan_stack *s) {
  for (int i = 0; i < s->n; i++) {
    free(s->frames[i].func);
    free(s->frames[i].file);
    free(s->frames[i].module);
  }
  free(s->frames);
  s->frames = NULL;
  s->n = 0;
}

static void report_free(rk_tsan_report *r) {
  free(r->title);
  for (int i = 0; i < r->nacc; i++) {
    free(r->acc[i].thread);
    free(r->acc[i].mutexes);
    stack_free(&r->acc[i].stack);
  }
  stack_free(&r->stack);
  free(r->location);
  free(r->summary);
  memset(r, 0, sizeof *r);
}

void rk_tsan_log_free(rk_tsan_log *log) {
  for (int i = 0; i < log->n; i++)
    report_free(&log->reports[i]);
  free(log->reports);
  free(log->fatal);
  memset(log, 0, sizeof *log);
  log->warnings = -1;
}

/* ---------------------------------------------------------------- frames */

/* Parses the text after "#N " of a frame:
     func file:line:col (module+0xoff) (BuildId: hex)
     func file:line (module+0xoff)
     <null> <null> (module+0xoff)
     func tsan_interceptors_posix.cpp.o (module+0xoff)
     0x7f12... (module+0xoff)          (symbolize=0 in some runtimes)
   func may contain spaces (C++ signatures). Returns false when malformed. */
static bool parse_frame_fields(const char *text, rk_tsan_frame *f) {
  size_t len = strlen(text);
  while (len > 0 && text[len - 1] == ' ')
    len--;
  /* Strip " (BuildId: ...)". */
  static const char build_id[] = " (BuildId: ";
  for (size_t i = len; i-- > 0;) {
    if (text[i] == '(' && i > 0 && strncmp(text + i - 1, build_id, sizeof build_id - 1) == 0) {
      if (text[len - 1] != ')')
        return false;
      len = i - 1;
      break;
    }
    if (len - i > 200)
      break;
  }
  /* Strip " (module+0xoff)" or " (<unknown module>)". */
  if (len > 0 && text[len - 1] == ')') {
    size_t open = len - 1;
    while (open > 0 && text[open] != '(')
      open--;
    if (text[open] != '(' || open == 0 || text[open - 1] != ' ')
      return false;
    const char *m = text + open + 1;
    size_t mlen = len - 1 - (open + 1);
    if (mlen == 0)
      return false;
    char *mod = xstrndup(m, mlen);
    char *plus = strstr(mod, "+0x");
    if (plus) {
      const char *h = plus + 1;
      unsigned long long off;
      if (!eat_hex(&h, &off) || *h != '\0') {
        free(mod);
        return false;
      }
      f->offset = off;
      *plus = '\0';
    }
    if (strcmp(mod, "<unknown module>") == 0) {
      free(mod);
    } else {
      f->module = mod;
    }
    len = open - 1;
  }
  if (len == 0)
    return false;
  /* What is left: "func srcloc", or a bare pc/function. */
  char *rest = xstrndup(text, len);
  char *sp = strrchr(rest, ' ');
  const char *func = rest, *src = NULL;
  if (sp) {
    *sp = '\0';
    src = sp + 1;
  }
  if (src && strcmp(src, "<null>") != 0) {
    /* file[:line[:col]], numbers parsed from the right. */
    char *file = xstrdup(src);
    long nums[2];
    int k = 0;
    while (k < 2) {
      char *colon = strrchr(file, ':');
      if (!colon || colon == file)
        break;
      const char *p = colon + 1;
      long v;
      if (!eat_int(&p, &v) || *p != '\0')
        break;
      nums[k++] = v;
      *colon = '\0';
    }
    if (k == 2) {
      f->line = (int)nums[1];
      f->col = (int)nums[0];
    } else if (k == 1) {
      f->line = (int)nums[0];
    }
    f->file = file;
  }
  if (strcmp(func, "<null>") != 0 && func[0] != '\0')
    f->func = xstrdup(func);
  free(rest);
  return f->func || f->file || f->module;
}

static bool parse_frame(const char *text, rk_tsan_frame *f) {
  memset(f, 0, sizeof *f);
  if (parse_frame_fields(text, f))
    return true;
  free(f->func);
  free(f->file);
  free(f->module);
  memset(f, 0, sizeof *f);
  return false;
}

static void stack_push(rk_tsan_stack *s, const rk_tsan_frame *f) {
  s->frames = xrealloc(s->frames, (size_t)(s->n + 1) * sizeof *s->frames);
  s->frames[s->n++] = *f;
}

static bool runtime_frame(const rk_tsan_frame *f) {
  if (f->module && (starts(f->module, "libtsan") || starts(f->module, "libclang_rt")))
    return true;
  if (f->file && (strstr(f->file, "sanitizer_common/") || strstr(f->file, "libsanitizer/") ||
                  strstr(f->file, "/tsan/") || strstr(f->file, "compiler-rt/")))
    return true;
  if (f->func && (starts(f->func, "__tsan") || starts(f->func, "__interceptor_") ||
                  starts(f->func, "__sanitizer")))
    return true;
  return false;
}

const rk_tsan_frame *rk_tsan_user_frame(const rk_tsan_stack *s) {
  for (int i = 0; i < s->n; i++) {
    const rk_tsan_frame *f = &s->frames[i];
    if (f->file && f->line > 0 && !runtime_frame(f))
      return f;
  }
  for (int i = 0; i < s->n; i++) {
    const rk_tsan_frame *f = &s->frames[i];
    if (!runtime_frame(f))
      return f;
  }
  return NULL;
}

/* --------------------------------------------------------------- accesses */

/* Whether trimmed line t is an access header; parses it into a. Returns 1
   parsed, 0 not an access line, -1 an access line that is malformed. */
static int parse_access(const char *t, rk_tsan_access *a) {
  const char *p = t;
  memset(a, 0, sizeof *a);
  a->previous = eat(&p, "Previous ");
  a->atomic = eat(&p, "atomic ") || eat(&p, "Atomic ");
  if (eat(&p, "write") || eat(&p, "Write"))
    a->write = true;
  else if (!(eat(&p, "read") || eat(&p, "Read")))
    return 0;
  if (!eat(&p, " of size "))
    return 0;
  long size;
  unsigned long long addr;
  if (!eat_int(&p, &size) || !eat(&p, " at ") || !eat_hex(&p, &addr) || !eat(&p, " by "))
    return -1;
  size_t n = strlen(p);
  if (n < 2 || p[n - 1] != ':')
    return -1;
  char *thread = xstrndup(p, n - 1);
  char *mx = strstr(thread, " (mutexes: ");
  if (mx) {
    size_t ml = strlen(mx);
    if (mx[ml - 1] != ')') {
      free(thread);
      return -1;
    }
    a->mutexes = xstrndup(mx + 11, ml - 12);
    *mx = '\0';
  }
  a->size = (unsigned)size;
  a->addr = addr;
  a->thread = thread;
  return 1;
}

/* ----------------------------------------------------------------- parser */

typedef struct parser {
  const char *name;
  char *err;
  size_t errlen;
  int lineno;
  rk_tsan_log *log;
  bool in_report;
  rk_tsan_report cur;
  rk_tsan_stack *sink; /* where frame lines go, NULL: checked and dropped */
} parser;

__attribute__((format(printf, 3, 4))) static int fail(parser *ps, int line, const char *fmt,
                                                      ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (ps->errlen > 0)
    snprintf(ps->err, ps->errlen, "%s:%d: %s", ps->name, line, msg);
  return -1;
}

/* Copies a line without CR, ANSI escape sequences and NUL bytes. */
static char *clean_line(const char *s, size_t n) {
  char *d = xrealloc(NULL, n + 1);
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0x1b) { /* ESC [ params final */
      if (i + 1 < n && s[i + 1] == '[') {
        i += 2;
        while (i < n && !((unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7e))
          i++;
      }
      continue;
    }
    if (c == '\r' && i + 1 == n)
      continue;
    d[j++] = c == '\0' ? '?' : (char)c;
  }
  d[j] = '\0';
  return d;
}

static bool is_marker(const char *t) {
  size_t n = 0;
  while (t[n] == '=')
    n++;
  return n >= 10 && t[n] == '\0';
}

static void start_report(parser *ps, const char *rest) {
  memset(&ps->cur, 0, sizeof ps->cur);
  ps->in_report = true;
  ps->cur.line = ps->lineno;
  char *title = xstrdup(rest);
  char *pid = strstr(title, " (pid=");
  if (pid) {
    const char *p = pid + 6;
    long v;
    if (eat_int(&p, &v) && strcmp(p, ")") == 0) {
      ps->cur.pid = v;
      *pid = '\0';
    }
  }
  ps->cur.title = title;
  ps->cur.race = starts(title, "data race");
  ps->sink = &ps->cur.stack;
  ps->cur.stack.restored = true;
}

static int end_report(parser *ps) {
  rk_tsan_report *r = &ps->cur;
  r->end_line = ps->lineno;
  ps->in_report = false;
  ps->sink = NULL;
  if (r->race && r->nacc != 2) {
    int line = r->line, n = r->nacc;
    report_free(r);
    return fail(ps, line, "data race report has %d access%s (expected 2)", n,
                n == 1 ? "" : "es");
  }
  rk_tsan_log *log = ps->log;
  log->reports = xrealloc(log->reports, (size_t)(log->n + 1) * sizeof *log->reports);
  log->reports[log->n++] = *r;
  memset(r, 0, sizeof *r);
  return 0;
}

static int report_line(parser *ps, const char *line) {
  rk_tsan_report *r = &ps->cur;
  const char *t = line;
  while (*t == ' ' || *t == '\t')
    t++;
  if (is_marker(line))
    return end_report(ps);
  if (starts(line, "WARNING: ThreadSanitizer:"))
    return fail(ps, r->line, "report truncated (no end marker)");
  if (*t == '\0') {
    ps->sink = NULL;
    return 0;
  }
  if (t[0] == '#' && isdigit((unsigned char)t[1])) {
    const char *p = t + 1;
    long idx;
    if (!eat_int(&p, &idx) || *p != ' ')
      return fail(ps, ps->lineno, "malformed stack frame");
    rk_tsan_frame f;
    if (!parse_frame(p + 1, &f))
      return fail(ps, ps->lineno, "malformed stack frame");
    if (ps->sink && idx == ps->sink->n) {
      stack_push(ps->sink, &f);
    } else {
      bool bad = ps->sink != NULL;
      free(f.func);
      free(f.file);
      free(f.module);
      if (bad)
        return fail(ps, ps->lineno, "stack frame #%ld out of order", idx);
    }
    return 0;
  }
  if (strcmp(t, "[failed to restore the stack]") == 0) {
    if (ps->sink)
      ps->sink->restored = false;
    return 0;
  }
  if (starts(line, "SUMMARY: ThreadSanitizer: ")) {
    if (!r->summary)
      r->summary = xstrdup(line + strlen("SUMMARY: ThreadSanitizer: "));
    ps->sink = NULL;
    return 0;
  }
  rk_tsan_access a;
  int k = parse_access(t, &a);
  if (k < 0)
    return fail(ps, ps->lineno, "malformed access line");
  if (k > 0) {
    if (r->nacc == 2) {
      free(a.thread);
      free(a.mutexes);
      return fail(ps, ps->lineno, "more than two accesses in one report");
    }
    a.stack.restored = true;
    r->acc[r->nacc] = a;
    ps->sink = &r->acc[r->nacc].stack;
    r->nacc++;
    return 0;
  }
  if (starts(t, "Location is ")) {
    if (!r->location) {
      r->location = xstrdup(t + strlen("Location is "));
      size_t n = strlen(r->location);
      if (n > 0 && r->location[n - 1] == ':')
        r->location[n - 1] = '\0';
    }
  } else if (starts(t, "Thread T") && strstr(t, " created by ")) {
    r->nthreads++;
  }
  /* Any other header ("Mutex M1 acquired here ...:", "and:", "Thread T1
     ... created by main thread at:") starts a stack; a non-race report
     keeps the first one as its stack when none came right under its
     header, the others are checked and dropped. Other text (hints, cycles,
     interleaved output) is skipped. */
  size_t n = strlen(t);
  if (!r->race && r->stack.n == 0 && t[n - 1] == ':')
    ps->sink = &r->stack;
  else
    ps->sink = NULL;
  return 0;
}

static int outside_line(parser *ps, const char *line) {
  rk_tsan_log *log = ps->log;
  const char *p = line;
  if (eat(&p, "WARNING: ThreadSanitizer: ")) {
    start_report(ps, p);
    return 0;
  }
  if (eat(&p, "ThreadSanitizer: reported ")) {
    long n;
    if (eat_int(&p, &n) && (strcmp(p, " warnings") == 0 || strcmp(p, " warning") == 0))
      log->warnings = (int)n;
    return 0;
  }
  /* Fatal errors: the first one, except that the line naming the error
     ("==N==ERROR: ThreadSanitizer: SEGV on unknown address ...") replaces
     the bare "ThreadSanitizer:DEADLYSIGNAL" printed before it. */
  bool deadly = starts(line, "ThreadSanitizer:DEADLYSIGNAL");
  bool named = starts(line, "FATAL: ThreadSanitizer") ||
               (starts(line, "==") && strstr(line, "==ERROR: ThreadSanitizer:")) ||
               starts(line, "ThreadSanitizer: CHECK failed");
  if ((deadly && !log->fatal) ||
      (named && (!log->fatal || starts(log->fatal, "ThreadSanitizer:DEADLYSIGNAL")))) {
    free(log->fatal);
    log->fatal = xstrdup(line);
    log->fatal_line = ps->lineno;
  }
  return 0;
}

int rk_tsan_parse(const char *text, size_t len, const char *name, rk_tsan_log *log,
                  char *err, size_t errlen) {
  memset(log, 0, sizeof *log);
  log->warnings = -1;
  parser ps = {.name = name ? name : "log", .err = err, .errlen = errlen, .log = log};
  if (errlen > 0)
    err[0] = '\0';
  size_t pos = 0;
  int rc = 0;
  while (pos < len && rc == 0) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
    ps.lineno++;
    char *line = clean_line(text + pos, n);
    rc = ps.in_report ? report_line(&ps, line) : outside_line(&ps, line);
    free(line);
    pos += n + (nl ? 1 : 0);
  }
  if (rc == 0 && ps.in_report)
    rc = fail(&ps, ps.cur.line, "report truncated (no end marker)");
  if (ps.in_report)
    report_free(&ps.cur);
  return rc;
}
