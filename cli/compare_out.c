/* SPDX-License-Identifier: MIT */
/* `racekit compare`: matching races across tools and printing the
 * comparison as a table, a json object (docs/COMPARE.md) or markdown. A
 * race is the unordered pair of its two accesses, each basename:line plus
 * read/write and atomic. */
#include "compare.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char *const DASH = "\xe2\x80\x94"; /* U+2014 EM DASH */

/* ---------------------------------------------------------------- model */

static int access_cmp(const rk__cmp_access *x, const rk__cmp_access *y) {
  int c = strcmp(x->file, y->file);
  if (c)
    return c;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->write != y->write)
    return x->write ? 1 : -1;
  if (x->atomic != y->atomic)
    return x->atomic ? 1 : -1;
  return 0;
}

static int race_cmp(const rk__cmp_race *x, const rk__cmp_race *y) {
  int c = access_cmp(&x->a, &y->a);
  return c ? c : access_cmp(&x->b, &y->b);
}

static int race_qsort_cmp(const void *x, const void *y) { return race_cmp(x, y); }

void rk__cmp_add_race(rk__cmp_tool *t, const rk__cmp_access *x, const rk__cmp_access *y) {
  rk__cmp_race r;
  if (access_cmp(x, y) <= 0) {
    r.a = *x;
    r.b = *y;
  } else {
    r.a = *y;
    r.b = *x;
  }
  for (int i = 0; i < t->nraces; i++)
    if (race_cmp(&t->races[i], &r) == 0)
      return;
  r.a.file = rk__xstrdup(r.a.file);
  r.b.file = rk__xstrdup(r.b.file);
  t->races = realloc(t->races, (size_t)(t->nraces + 1) * sizeof *t->races);
  if (!t->races) {
    fputs("racekit: out of memory\n", stderr);
    exit(2);
  }
  t->races[t->nraces++] = r;
}

void rk__cmp_add_other(rk__cmp_tool *t, const char *title, const char *where) {
  for (int i = 0; i < t->nothers; i++) {
    rk__cmp_other *o = &t->others[i];
    if (strcmp(o->title, title) == 0 &&
        ((!o->where && !where) || (o->where && where && strcmp(o->where, where) == 0))) {
      o->count++;
      return;
    }
  }
  t->others = realloc(t->others, (size_t)(t->nothers + 1) * sizeof *t->others);
  if (!t->others) {
    fputs("racekit: out of memory\n", stderr);
    exit(2);
  }
  t->others[t->nothers++] = (rk__cmp_other){
      .title = rk__xstrdup(title), .where = where ? rk__xstrdup(where) : NULL, .count = 1};
}

/* The access of a ThreadSanitizer report as a comparison access. The
   strings point into the log. */
static rk__cmp_access from_tsan(const rk_tsan_access *a, char *unknown) {
  rk__cmp_access x = {.file = unknown, .line = 0, .write = a->write, .atomic = a->atomic};
  const rk_tsan_frame *f = a->stack.restored ? rk_tsan_user_frame(&a->stack) : NULL;
  if (f && f->file && f->line > 0) {
    x.file = (char *)rk__basename(f->file);
    x.line = f->line;
  } else if (f && f->module) {
    x.file = f->module; /* unsymbolized: the module, offset dropped */
  }
  return x;
}

/* "file.c:12" of a non-race report, into buf; NULL when it has none. */
static const char *other_where(const rk_tsan_report *r, char *buf, size_t n) {
  const rk_tsan_frame *f = NULL;
  if (r->nacc > 0)
    f = rk_tsan_user_frame(&r->acc[0].stack);
  if (!f || !f->file)
    f = rk_tsan_user_frame(&r->stack);
  if (!f || !f->file || f->line <= 0)
    return NULL;
  snprintf(buf, n, "%s:%d", rk__basename(f->file), f->line);
  return buf;
}

int rk__cmp_add_tsan_log(rk__cmp_tool *t, const rk_tsan_log *log) {
  char unknown[] = "?";
  rk__cmp_tool seen = {0};
  for (int i = 0; i < log->n; i++) {
    const rk_tsan_report *r = &log->reports[i];
    if (r->race && r->nacc == 2) {
      rk__cmp_access x = from_tsan(&r->acc[0], unknown);
      rk__cmp_access y = from_tsan(&r->acc[1], unknown);
      rk__cmp_add_race(t, &x, &y);
      rk__cmp_add_race(&seen, &x, &y);
    } else {
      char where[512];
      rk__cmp_add_other(t, r->title, other_where(r, where, sizeof where));
    }
  }
  int n = seen.nraces;
  for (int i = 0; i < seen.nraces; i++) {
    free(seen.races[i].a.file);
    free(seen.races[i].b.file);
  }
  free(seen.races);
  return n;
}

rk__cmp_tool *rk__cmp_tool_add(rk__cmp *c, const char *name, bool is_racekit) {
  c->tools = realloc(c->tools, (size_t)(c->ntools + 1) * sizeof *c->tools);
  if (!c->tools) {
    fputs("racekit: out of memory\n", stderr);
    exit(2);
  }
  rk__cmp_tool *t = &c->tools[c->ntools++];
  memset(t, 0, sizeof *t);
  t->name = rk__xstrdup(name);
  t->is_racekit = is_racekit;
  return t;
}

void rk__cmp_free(rk__cmp *c) {
  for (int i = 0; i < c->ntools; i++) {
    rk__cmp_tool *t = &c->tools[i];
    for (int k = 0; k < t->nraces; k++) {
      free(t->races[k].a.file);
      free(t->races[k].b.file);
    }
    for (int k = 0; k < t->nothers; k++) {
      free(t->others[k].title);
      free(t->others[k].where);
    }
    free(t->races);
    free(t->others);
    free(t->runs);
    free(t->name);
    free(t->note);
  }
  free(c->tools);
  free(c->subject);
  memset(c, 0, sizeof *c);
}

/* ------------------------------------------------------------ the rows */

typedef struct row {
  rk__cmp_race race;  /* borrowed from a tool */
  bool *found;        /* per tool */
} row;

typedef struct counts {
  int all, only_racekit, only_tsan;
  int some; /* by racekit and some, not all, ThreadSanitizer builds */
} counts;

typedef struct summary {
  counts exact;     /* races as the rows are: lines and kinds */
  counts lines;     /* rows with the same pair of lines taken as one */
  int line_pairs;   /* distinct pairs of lines; < rows when kinds differ */
  bool have_racekit, have_tsan;
} summary;

/* Counts one race (or pair of lines) found[i] by tool i into k. */
static void classify(const rk__cmp *c, const bool *found, counts *k) {
  bool every = true, by_rk = false, by_tsan = false;
  int by = 0, ran = 0;
  for (int i = 0; i < c->ntools; i++) {
    const rk__cmp_tool *t = &c->tools[i];
    if (t->state != RK__CMP_OK)
      continue;
    ran++;
    by += found[i];
    every = every && found[i];
    if (found[i]) {
      if (t->is_racekit)
        by_rk = true;
      else
        by_tsan = true;
    }
  }
  if (every)
    k->all++;
  else if (by_rk && by_tsan && by < ran)
    k->some++;
  if (by_rk && !by_tsan)
    k->only_racekit++;
  if (by_tsan && !by_rk)
    k->only_tsan++;
}

static bool same_lines(const rk__cmp_race *x, const rk__cmp_race *y) {
  return strcmp(x->a.file, y->a.file) == 0 && x->a.line == y->a.line &&
         strcmp(x->b.file, y->b.file) == 0 && x->b.line == y->b.line;
}

static bool tool_has(const rk__cmp_tool *t, const rk__cmp_race *r) {
  for (int i = 0; i < t->nraces; i++)
    if (race_cmp(&t->races[i], r) == 0)
      return true;
  return false;
}

/* All distinct races of all tools, sorted. */
static row *make_rows(const rk__cmp *c, int *nrows, summary *s) {
  int cap = 0;
  for (int i = 0; i < c->ntools; i++)
    cap += c->tools[i].nraces;
  rk__cmp_race *all = rk__xmalloc((size_t)(cap ? cap : 1) * sizeof *all);
  int n = 0;
  for (int i = 0; i < c->ntools; i++)
    for (int k = 0; k < c->tools[i].nraces; k++) {
      bool dup = false;
      for (int j = 0; j < n && !dup; j++)
        dup = race_cmp(&all[j], &c->tools[i].races[k]) == 0;
      if (!dup)
        all[n++] = c->tools[i].races[k];
    }
  qsort(all, (size_t)n, sizeof *all, race_qsort_cmp);
  row *rows = rk__xmalloc((size_t)(n ? n : 1) * sizeof *rows);
  memset(s, 0, sizeof *s);
  for (int i = 0; i < c->ntools; i++) {
    if (c->tools[i].state != RK__CMP_OK)
      continue;
    if (c->tools[i].is_racekit)
      s->have_racekit = true;
    else
      s->have_tsan = true;
  }
  for (int j = 0; j < n; j++) {
    rows[j].race = all[j];
    rows[j].found = rk__xmalloc((size_t)(c->ntools ? c->ntools : 1) * sizeof(bool));
    for (int i = 0; i < c->ntools; i++)
      rows[j].found[i] = tool_has(&c->tools[i], &all[j]);
    classify(c, rows[j].found, &s->exact);
  }
  /* Rows are sorted by lines first, so rows with the same pair of lines
     are adjacent (the kinds of their accesses differ). */
  bool *any = rk__xmalloc((size_t)(c->ntools ? c->ntools : 1) * sizeof(bool));
  for (int j = 0; j < n;) {
    memset(any, 0, (size_t)c->ntools * sizeof(bool));
    int k = j;
    for (; k < n && same_lines(&rows[j].race, &rows[k].race); k++)
      for (int i = 0; i < c->ntools; i++)
        any[i] = any[i] || rows[k].found[i];
    classify(c, any, &s->lines);
    s->line_pairs++;
    j = k;
  }
  free(any);
  free(all);
  *nrows = n;
  return rows;
}

static void free_rows(row *rows, int n) {
  for (int j = 0; j < n; j++)
    free(rows[j].found);
  free(rows);
}

/* ------------------------------------------------------------- helpers */

static void access_text(rk__buf *b, const rk__cmp_access *a) {
  rk__buf_addf(b, "%s%s ", a->atomic ? "atomic " : "", a->write ? "write" : "read");
  if (a->line > 0)
    rk__buf_addf(b, "%s:%d", a->file, a->line);
  else
    rk__buf_addf(b, "%s", a->file);
}

static char *race_text(const rk__cmp_race *r, const char *quote) {
  rk__buf b = {0};
  rk__buf_addf(&b, "%s", quote);
  access_text(&b, &r->a);
  rk__buf_addf(&b, "%s / %s", quote, quote);
  access_text(&b, &r->b);
  rk__buf_addf(&b, "%s", quote);
  return b.data;
}

/* Display width of UTF-8 text (code points). */
static int width(const char *s) {
  int w = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xc0) != 0x80)
      w++;
  return w;
}

static void pad(FILE *out, const char *s, int w) {
  fputs(s, out);
  for (int i = width(s); i < w; i++)
    fputc(' ', out);
}

/* Width of a tool's column in the table: its name, at least "found". */
static int colw(const rk__cmp_tool *t) {
  int w = width(t->name);
  return w > 5 ? w : 5;
}

static const char *cell(const rk__cmp_tool *t, bool found) {
  if (t->state != RK__CMP_OK)
    return "n/a";
  return found ? "found" : DASH;
}

static int median_cmp(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

typedef struct stats {
  double median_wall_s;
  long max_rss_kib;
  int crashes;     /* runs ended by a signal other than our timeout kill */
  int timeouts;
} stats;

static stats tool_stats(const rk__cmp_tool *t) {
  stats st = {0};
  if (t->nruns == 0)
    return st;
  double *w = rk__xmalloc((size_t)t->nruns * sizeof *w);
  for (int i = 0; i < t->nruns; i++) {
    w[i] = t->runs[i].wall_s;
    if (t->runs[i].max_rss_kib > st.max_rss_kib)
      st.max_rss_kib = t->runs[i].max_rss_kib;
    if (t->runs[i].timed_out)
      st.timeouts++;
    else if (t->runs[i].signal || t->runs[i].fatal)
      st.crashes++;
  }
  qsort(w, (size_t)t->nruns, sizeof *w, median_cmp);
  st.median_wall_s = t->nruns % 2 ? w[t->nruns / 2]
                                  : (w[t->nruns / 2 - 1] + w[t->nruns / 2]) / 2;
  free(w);
  return st;
}

/* "exit 66 (3 runs)" / "exit 0 (2), SIGSEGV (1)" into b. */
static void exits_text(rk__buf *b, const rk__cmp_tool *t) {
  bool *done = rk__xmalloc((size_t)t->nruns * sizeof *done);
  memset(done, 0, (size_t)t->nruns * sizeof *done);
  for (int i = 0; i < t->nruns; i++) {
    if (done[i])
      continue;
    int same = 0;
    for (int j = i; j < t->nruns; j++) {
      const rk__cmp_run *x = &t->runs[i], *y = &t->runs[j];
      if (x->status == y->status && x->signal == y->signal && x->timed_out == y->timed_out) {
        done[j] = true;
        same++;
      }
    }
    if (b->len)
      rk__buf_addf(b, ", ");
    const rk__cmp_run *r = &t->runs[i];
    if (r->timed_out)
      rk__buf_addf(b, "timed out");
    else if (r->signal)
      rk__buf_addf(b, "killed by %s", sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "?");
    else
      rk__buf_addf(b, "exit %d", r->status);
    rk__buf_addf(b, " (%d of %d)", same, t->nruns);
  }
  free(done);
}

static void json_str(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(out, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", out);
    else if (*p < 0x20)
      fprintf(out, "\\u%04x", *p);
    else
      fputc(*p, out);
  }
  fputc('"', out);
}

static const char *state_name(rk__cmp_state s) {
  switch (s) {
  case RK__CMP_OK:
    return "ok";
  case RK__CMP_SKIPPED:
    return "skipped";
  case RK__CMP_FAILED:
    return "failed";
  }
  return "?";
}

/* ---------------------------------------------------------------- table */

/* The time and memory line of a tool that ran: "name: N runs, exit ...,
   median wall ..., peak memory ..." with the name padded to namew, or a
   markdown table row. */
static void tool_line(FILE *out, const rk__cmp_tool *t, int namew, bool md) {
  stats st = tool_stats(t);
  rk__buf ex = {0};
  exits_text(&ex, t);
  if (md) {
    fprintf(out, "| %s | %d | %s | %.3f s | %.1f MiB |\n", t->name, t->nruns, ex.data,
            st.median_wall_s, st.max_rss_kib / 1024.0);
  } else {
    fputs(t->name, out);
    fputc(':', out);
    for (int i = width(t->name) + 1; i < namew; i++)
      fputc(' ', out);
    fprintf(out, " %d run%s, %s, median wall %.3f s, peak memory %.1f MiB\n", t->nruns,
            t->nruns == 1 ? "" : "s", ex.data, st.median_wall_s, st.max_rss_kib / 1024.0);
  }
  rk__buf_free(&ex);
}

static void print_text(const rk__cmp *c, bool md, FILE *out) {
  int nrows;
  summary s;
  row *rows = make_rows(c, &nrows, &s);
  const char *quote = md ? "`" : "";
  char **labels = rk__xmalloc((size_t)(nrows ? nrows : 1) * sizeof *labels);
  int labelw = width("race");
  for (int j = 0; j < nrows; j++) {
    labels[j] = race_text(&rows[j].race, quote);
    if (width(labels[j]) > labelw)
      labelw = width(labels[j]);
  }

  if (md)
    fprintf(out, "**racekit compare: %s**", c->subject);
  else
    fprintf(out, "racekit compare: %s", c->subject);
  if (c->runs_per_build > 0)
    fprintf(out, " (%d run%s per build)", c->runs_per_build, c->runs_per_build == 1 ? "" : "s");
  fputs("\n\n", out);

  /* The race table. */
  if (md) {
    fputs("| race |", out);
    for (int i = 0; i < c->ntools; i++)
      fprintf(out, " %s |", c->tools[i].name);
    fputs("\n|---|", out);
    for (int i = 0; i < c->ntools; i++)
      fputs("---|", out);
    fputc('\n', out);
    for (int j = 0; j < nrows; j++) {
      fprintf(out, "| %s |", labels[j]);
      for (int i = 0; i < c->ntools; i++)
        fprintf(out, " %s |", cell(&c->tools[i], rows[j].found[i]));
      fputc('\n', out);
    }
    if (nrows == 0) {
      fputs("| (no data races) |", out);
      for (int i = 0; i < c->ntools; i++)
        fprintf(out, " %s |", c->tools[i].state == RK__CMP_OK ? DASH : "n/a");
      fputc('\n', out);
    }
  } else {
    pad(out, "race", labelw);
    for (int i = 0; i < c->ntools; i++) {
      fputs("  ", out);
      pad(out, c->tools[i].name, i + 1 < c->ntools ? colw(&c->tools[i]) : 0);
    }
    fputc('\n', out);
    for (int j = 0; j < nrows; j++) {
      pad(out, labels[j], labelw);
      for (int i = 0; i < c->ntools; i++) {
        fputs("  ", out);
        pad(out, cell(&c->tools[i], rows[j].found[i]), i + 1 < c->ntools ? colw(&c->tools[i]) : 0);
      }
      fputc('\n', out);
    }
    if (nrows == 0)
      fputs("(no data races)\n", out);
  }
  fputc('\n', out);

  /* Summary lines. */
  const char *pre = md ? "- " : "";
  fprintf(out, "%sfound by all: %d\n", pre, s.exact.all);
  const char *why = !s.have_racekit ? " (racekit did not run)"
                    : !s.have_tsan    ? " (no ThreadSanitizer build ran)"
                                      : "";
  bool both = s.have_racekit && s.have_tsan;
  if (both) {
    fprintf(out, "%sonly by racekit: %d\n", pre, s.exact.only_racekit);
    fprintf(out, "%sonly by a ThreadSanitizer build: %d\n", pre, s.exact.only_tsan);
    if (s.exact.some > 0)
      fprintf(out, "%sby racekit and some, not all, ThreadSanitizer builds: %d\n", pre,
              s.exact.some);
  } else {
    fprintf(out, "%sonly by racekit: n/a%s\n", pre, why);
    fprintf(out, "%sonly by a ThreadSanitizer build: n/a%s\n", pre, why);
  }
  if (s.line_pairs < nrows) {
    /* Some pair of lines appears with different kinds: say what the
       counts are when each pair of lines is one race. */
    fprintf(out,
            "%scounting rows that differ only in access kinds as one (x++ is a read and a "
            "write):%sfound by all: %d",
            pre, md ? " " : "\n  ", s.lines.all);
    if (both) {
      fprintf(out, ", only by racekit: %d, only by a ThreadSanitizer build: %d",
              s.lines.only_racekit, s.lines.only_tsan);
      if (s.lines.some > 0)
        fprintf(out, ", by racekit and some, not all, ThreadSanitizer builds: %d", s.lines.some);
    }
    fputc('\n', out);
  }

  /* Other reports and notes. */
  bool any_other = false;
  for (int i = 0; i < c->ntools; i++)
    any_other = any_other || c->tools[i].nothers > 0;
  if (any_other) {
    fprintf(out, "\n%s\n", md ? "Other reports (not data races):\n" : "other reports (not data races):");
    for (int i = 0; i < c->ntools; i++)
      for (int k = 0; k < c->tools[i].nothers; k++) {
        const rk__cmp_other *o = &c->tools[i].others[k];
        fprintf(out, "%s%s: %s", md ? "- " : "  ", c->tools[i].name, o->title);
        if (o->where)
          fprintf(out, md ? " at `%s`" : " at %s", o->where);
        if (o->count > 1)
          fprintf(out, " (%d times)", o->count);
        fputc('\n', out);
      }
  }
  bool any_note = false;
  for (int i = 0; i < c->ntools; i++)
    any_note = any_note || c->tools[i].note;
  if (any_note) {
    fprintf(out, "\n%s\n", md ? "Notes:\n" : "notes:");
    for (int i = 0; i < c->ntools; i++)
      if (c->tools[i].note)
        fprintf(out, "%s%s: %s\n", md ? "- " : "  ", c->tools[i].name, c->tools[i].note);
  }

  /* Time and memory, for the tools that ran. */
  int namew = 0;
  bool any_runs = false;
  for (int i = 0; i < c->ntools; i++) {
    if (width(c->tools[i].name) + 1 > namew)
      namew = width(c->tools[i].name) + 1;
    any_runs = any_runs || (c->tools[i].state == RK__CMP_OK && c->tools[i].nruns > 0);
  }
  if (any_runs) {
    fputc('\n', out);
    if (md)
      fputs("| tool | runs | exit status | wall time (median) | peak memory (max) |\n"
            "|---|---|---|---|---|\n",
            out);
    for (int i = 0; i < c->ntools; i++)
      if (c->tools[i].state == RK__CMP_OK && c->tools[i].nruns > 0)
        tool_line(out, &c->tools[i], namew, md);
  }

  for (int j = 0; j < nrows; j++)
    free(labels[j]);
  free(labels);
  free_rows(rows, nrows);
}

/* ----------------------------------------------------------------- json */

static void json_access(FILE *out, const rk__cmp_access *a) {
  fprintf(out, "{\"kind\": \"%s\", \"atomic\": %s, \"file\": ", a->write ? "write" : "read",
          a->atomic ? "true" : "false");
  json_str(out, a->file);
  fprintf(out, ", \"line\": %d}", a->line);
}

static void print_json(const rk__cmp *c, FILE *out) {
  int nrows;
  summary s;
  row *rows = make_rows(c, &nrows, &s);
  fputs("{\n  \"version\": 1,\n  \"subject\": ", out);
  json_str(out, c->subject);
  fprintf(out, ",\n  \"runs_per_build\": %d,\n  \"tools\": [", c->runs_per_build);
  for (int i = 0; i < c->ntools; i++) {
    const rk__cmp_tool *t = &c->tools[i];
    stats st = tool_stats(t);
    fprintf(out, "%s\n    {\"name\": ", i ? "," : "");
    json_str(out, t->name);
    fprintf(out, ", \"racekit\": %s, \"status\": \"%s\", \"note\": ",
            t->is_racekit ? "true" : "false", state_name(t->state));
    json_str(out, t->note);
    fprintf(out, ", \"races\": %d,\n     \"runs\": [", t->nraces);
    for (int k = 0; k < t->nruns; k++) {
      const rk__cmp_run *r = &t->runs[k];
      fprintf(out,
              "%s{\"exit_status\": %d, \"signal\": %d, \"timed_out\": %s, \"crashed\": %s, "
              "\"wall_s\": %.6f, \"max_rss_kib\": %ld, \"races\": %d}",
              k ? ", " : "", r->signal ? -1 : r->status, r->signal,
              r->timed_out ? "true" : "false",
              (r->signal && !r->timed_out) || r->fatal ? "true" : "false", r->wall_s,
              r->max_rss_kib, r->races);
    }
    fprintf(out, "],\n     \"median_wall_s\": %.6f, \"max_rss_kib\": %ld, \"crashes\": %d, "
                 "\"timeouts\": %d,\n     \"other_reports\": [",
            st.median_wall_s, st.max_rss_kib, st.crashes, st.timeouts);
    for (int k = 0; k < t->nothers; k++) {
      fprintf(out, "%s{\"title\": ", k ? ", " : "");
      json_str(out, t->others[k].title);
      fputs(", \"where\": ", out);
      json_str(out, t->others[k].where);
      fprintf(out, ", \"count\": %d}", t->others[k].count);
    }
    fputs("]}", out);
  }
  fputs("\n  ],\n  \"races\": [", out);
  for (int j = 0; j < nrows; j++) {
    char *label = race_text(&rows[j].race, "");
    fprintf(out, "%s\n    {\"race\": ", j ? "," : "");
    json_str(out, label);
    free(label);
    fputs(", \"accesses\": [", out);
    json_access(out, &rows[j].race.a);
    fputs(", ", out);
    json_access(out, &rows[j].race.b);
    fputs("],\n     \"found_by\": [", out);
    bool first = true;
    for (int i = 0; i < c->ntools; i++)
      if (rows[j].found[i]) {
        fputs(first ? "" : ", ", out);
        json_str(out, c->tools[i].name);
        first = false;
      }
    fputs("]}", out);
  }
  fprintf(out, "%s],\n  \"summary\": {\"races\": %d, \"found_by_all\": %d, ",
          nrows ? "\n  " : "", nrows, s.exact.all);
  bool both = s.have_racekit && s.have_tsan;
  if (both)
    fprintf(out, "\"only_racekit\": %d, \"only_tsan\": %d, \"racekit_and_some_tsan\": %d,\n",
            s.exact.only_racekit, s.exact.only_tsan, s.exact.some);
  else
    fputs("\"only_racekit\": null, \"only_tsan\": null, \"racekit_and_some_tsan\": null,\n", out);
  fprintf(out, "              \"by_lines\": {\"line_pairs\": %d, \"found_by_all\": %d, ",
          s.line_pairs, s.lines.all);
  if (both)
    fprintf(out, "\"only_racekit\": %d, \"only_tsan\": %d, \"racekit_and_some_tsan\": %d}}\n}\n",
            s.lines.only_racekit, s.lines.only_tsan, s.lines.some);
  else
    fputs("\"only_racekit\": null, \"only_tsan\": null, \"racekit_and_some_tsan\": null}}\n}\n",
          out);
  free_rows(rows, nrows);
}

void rk__cmp_print(const rk__cmp *c, rk__cmp_format fmt, FILE *out) {
  if (fmt == RK__FMT_JSON)
    print_json(c, out);
  else
    print_text(c, fmt == RK__FMT_MARKDOWN, out);
}
