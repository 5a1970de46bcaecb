/* SPDX-License-Identifier: MIT */
/* demos/manifest: the list of demo topics. Format (strict):
 *   # a comment; blank lines are ignored
 *   topic | racy lines | title | lesson
 * four fields separated by '|', trimmed; "racy lines" is two line numbers of
 * racy.c (the two conflicting accesses) separated by spaces, in any order. */
#include "demo.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trim(char *s) {
  while (isspace((unsigned char)*s))
    s++;
  char *e = s + strlen(s);
  while (e > s && isspace((unsigned char)e[-1]))
    *--e = '\0';
  return s;
}

static bool valid_topic(const char *s) {
  if (!*s || *s == '-' || *s == '.')
    return false;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
      return false;
  return true;
}

/* "21 30" -> lines; false unless exactly two positive integers. */
static bool parse_lines(const char *s, int lines[2]) {
  int k = 0;
  while (*s) {
    if (isspace((unsigned char)*s)) {
      s++;
      continue;
    }
    if (!isdigit((unsigned char)*s) || k == 2)
      return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || v <= 0 || v > 1000000 || (*end && !isspace((unsigned char)*end)))
      return false;
    lines[k++] = (int)v;
    s = end;
  }
  if (k != 2)
    return false;
  if (lines[0] > lines[1]) {
    int t = lines[0];
    lines[0] = lines[1];
    lines[1] = t;
  }
  return true;
}

static void topic_free(rk__topic *t) {
  free(t->name);
  free(t->title);
  free(t->lesson);
}

int rk__manifest_parse(rk__manifest *m, const char *path, const char *text) {
  m->v = NULL;
  m->n = 0;
  snprintf(m->path, sizeof m->path, "%s", path);
  char *copy = rk__xstrdup(text);
  int cap = 0, lineno = 0, rc = 0;
  char *line = copy;
  while (line && rc == 0) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    lineno++;
    char *s = trim(line);
    line = nl ? nl + 1 : NULL;
    if (!*s || *s == '#')
      continue;

    char *field[5];
    int nf = 0;
    for (char *p = s;; ) {
      char *bar = strchr(p, '|');
      if (nf < 5)
        field[nf] = p;
      nf++;
      if (!bar)
        break;
      *bar = '\0';
      p = bar + 1;
    }
    if (nf != 4) {
      fprintf(stderr,
              "racekit: %s:%d: expected 4 fields 'topic | racy lines | title | lesson', found %d\n",
              path, lineno, nf);
      rc = -1;
      break;
    }
    for (int i = 0; i < 4; i++)
      field[i] = trim(field[i]);
    rk__topic t = {0};
    if (!valid_topic(field[0])) {
      fprintf(stderr, "racekit: %s:%d: bad topic name '%s' (letters, digits, '-', '_', '.')\n",
              path, lineno, field[0]);
      rc = -1;
    } else if (!parse_lines(field[1], t.lines)) {
      fprintf(stderr, "racekit: %s:%d: racy lines must be two line numbers, got '%s'\n", path,
              lineno, field[1]);
      rc = -1;
    } else if (!*field[2]) {
      fprintf(stderr, "racekit: %s:%d: empty title\n", path, lineno);
      rc = -1;
    } else if (!*field[3]) {
      fprintf(stderr, "racekit: %s:%d: empty lesson\n", path, lineno);
      rc = -1;
    } else {
      for (int i = 0; i < m->n; i++)
        if (strcmp(m->v[i].name, field[0]) == 0) {
          fprintf(stderr, "racekit: %s:%d: topic '%s' already listed on line %d\n", path, lineno,
                  field[0], m->v[i].lineno);
          rc = -1;
        }
    }
    if (rc)
      break;
    t.name = rk__xstrdup(field[0]);
    t.title = rk__xstrdup(field[2]);
    t.lesson = rk__xstrdup(field[3]);
    t.lineno = lineno;
    if (m->n == cap) {
      cap = cap ? cap * 2 : 32;
      rk__topic *v = realloc(m->v, (size_t)cap * sizeof *v);
      if (!v) {
        fprintf(stderr, "racekit: out of memory\n");
        exit(2);
      }
      m->v = v;
    }
    m->v[m->n++] = t;
  }
  free(copy);
  if (rc == 0 && m->n == 0) {
    fprintf(stderr, "racekit: %s: no topics listed\n", path);
    rc = -1;
  }
  if (rc)
    rk__manifest_free(m);
  return rc;
}

int rk__manifest_load(rk__manifest *m) {
  snprintf(m->dir, sizeof m->dir, "%s", rk__demosdir());
  char path[sizeof m->path];
  snprintf(path, sizeof path, "%s/manifest", m->dir);
  rk__buf b = {0};
  if (rk__buf_read_file(&b, path) != 0) {
    fprintf(stderr, "racekit: cannot read the demos manifest %s: %s\n", path, strerror(errno));
    rk__buf_free(&b);
    m->v = NULL;
    m->n = 0;
    return -1;
  }
  int rc = rk__manifest_parse(m, path, b.data ? b.data : "");
  rk__buf_free(&b);
  return rc;
}

void rk__manifest_free(rk__manifest *m) {
  for (int i = 0; i < m->n; i++)
    topic_free(&m->v[i]);
  free(m->v);
  m->v = NULL;
  m->n = 0;
}

const rk__topic *rk__manifest_find(const rk__manifest *m, const char *name) {
  for (int i = 0; i < m->n; i++)
    if (strcmp(m->v[i].name, name) == 0)
      return &m->v[i];
  return NULL;
}

int rk__edit_distance(const char *a, const char *b) {
  size_t n = strlen(a), k = strlen(b);
  int *row = rk__xmalloc((k + 1) * sizeof *row);
  for (size_t j = 0; j <= k; j++)
    row[j] = (int)j;
  for (size_t i = 1; i <= n; i++) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= k; j++) {
      int up = row[j];
      int best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  int d = row[k];
  free(row);
  return d;
}

void rk__manifest_unknown(const rk__manifest *m, const char *cmd, const char *name) {
  /* Close: a small edit distance, or one name containing the other. */
  int best[3] = {-1, -1, -1}, bestd[3] = {0, 0, 0};
  int limit = (int)strlen(name) / 3;
  if (limit < 2)
    limit = 2;
  for (int i = 0; i < m->n; i++) {
    int d = rk__edit_distance(name, m->v[i].name);
    if (d > limit && !(strlen(name) >= 3 && strstr(m->v[i].name, name)))
      continue;
    for (int k = 0; k < 3; k++) {
      if (best[k] < 0 || d < bestd[k]) {
        for (int j = 2; j > k; j--) {
          best[j] = best[j - 1];
          bestd[j] = bestd[j - 1];
        }
        best[k] = i;
        bestd[k] = d;
        break;
      }
    }
  }
  fprintf(stderr, "racekit: %s: unknown topic '%s'", cmd, name);
  if (best[0] < 0) {
    fprintf(stderr, " (run 'racekit demo list')\n");
    return;
  }
  int c = 0;
  while (c < 3 && best[c] >= 0)
    c++;
  fprintf(stderr, " (did you mean");
  for (int k = 0; k < c; k++)
    fprintf(stderr, "%s %s", k == 0 ? "" : k == c - 1 ? " or" : ",", m->v[best[k]].name);
  fprintf(stderr, "?)\n");
}
