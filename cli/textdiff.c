/* SPDX-License-Identifier: MIT */
/* Line diffs of small texts (a demo's racy.c and fixed.c): a longest common
 * subsequence match and a unified diff printed from it. Quadratic in the
 * number of lines after the common prefix and suffix are taken off, which
 * is fine for programs of a few hundred lines. */
#include "demo.h"

#include <stdlib.h>
#include <string.h>

void rk__lines_split(rk__lines *l, const char *text) {
  l->text = rk__xstrdup(text);
  int cap = 64;
  l->v = rk__xmalloc(sizeof *l->v * (size_t)cap);
  l->n = 0;
  char *p = l->text;
  while (*p) {
    if (l->n == cap) {
      cap *= 2;
      char **v = realloc(l->v, sizeof *v * (size_t)cap);
      if (!v) {
        fprintf(stderr, "racekit: out of memory\n");
        exit(2);
      }
      l->v = v;
    }
    l->v[l->n++] = p;
    char *nl = strchr(p, '\n');
    if (!nl)
      break;
    *nl = '\0';
    p = nl + 1;
  }
}

void rk__lines_free(rk__lines *l) {
  free(l->text);
  free(l->v);
  l->text = NULL;
  l->v = NULL;
  l->n = 0;
}

void rk__diff_match(const rk__lines *a, const rk__lines *b, int *a2b, int *b2a) {
  for (int i = 0; i < a->n; i++)
    a2b[i] = -1;
  for (int j = 0; j < b->n; j++)
    b2a[j] = -1;
  int pre = 0;
  while (pre < a->n && pre < b->n && strcmp(a->v[pre], b->v[pre]) == 0) {
    a2b[pre] = b2a[pre] = pre;
    pre++;
  }
  int suf = 0;
  while (suf < a->n - pre && suf < b->n - pre &&
         strcmp(a->v[a->n - 1 - suf], b->v[b->n - 1 - suf]) == 0) {
    a2b[a->n - 1 - suf] = b->n - 1 - suf;
    b2a[b->n - 1 - suf] = a->n - 1 - suf;
    suf++;
  }
  int n = a->n - pre - suf, m = b->n - pre - suf;
  if (n == 0 || m == 0)
    return;
  /* len[i][j]: LCS length of a[pre+i..] and b[pre+j..]. */
  size_t w = (size_t)m + 1;
  int *len = calloc(((size_t)n + 1) * w, sizeof *len);
  if (!len) {
    fprintf(stderr, "racekit: out of memory\n");
    exit(2);
  }
  for (int i = n - 1; i >= 0; i--)
    for (int j = m - 1; j >= 0; j--) {
      if (strcmp(a->v[pre + i], b->v[pre + j]) == 0)
        len[(size_t)i * w + (size_t)j] = len[(size_t)(i + 1) * w + (size_t)(j + 1)] + 1;
      else {
        int down = len[(size_t)(i + 1) * w + (size_t)j], right = len[(size_t)i * w + (size_t)(j + 1)];
        len[(size_t)i * w + (size_t)j] = down >= right ? down : right;
      }
    }
  for (int i = 0, j = 0; i < n && j < m;) {
    if (strcmp(a->v[pre + i], b->v[pre + j]) == 0) {
      a2b[pre + i] = pre + j;
      b2a[pre + j] = pre + i;
      i++;
      j++;
    } else if (len[(size_t)(i + 1) * w + (size_t)j] >= len[(size_t)i * w + (size_t)(j + 1)]) {
      i++;
    } else {
      j++;
    }
  }
  free(len);
}

typedef struct op {
  char kind; /* ' ', '-', '+' */
  int a, b;  /* line index in a (for ' ' and '-') and in b (for ' ' and '+') */
} op;

void rk__diff_unified(FILE *f, const char *label_a, const char *label_b, const rk__lines *a,
                      const rk__lines *b, bool color) {
  enum { CONTEXT = 3 };
  int *a2b = rk__xmalloc(sizeof(int) * (size_t)(a->n + 1));
  int *b2a = rk__xmalloc(sizeof(int) * (size_t)(b->n + 1));
  rk__diff_match(a, b, a2b, b2a);
  op *ops = rk__xmalloc(sizeof *ops * (size_t)(a->n + b->n + 1));
  int nops = 0;
  for (int i = 0, j = 0; i < a->n || j < b->n;) {
    if (i < a->n && a2b[i] < 0)
      ops[nops++] = (op){'-', i++, j};
    else if (j < b->n && b2a[j] < 0)
      ops[nops++] = (op){'+', i, j++};
    else
      ops[nops++] = (op){' ', i++, j++};
  }
  const char *bold = color ? RK__SGR_BOLD : "", *red = color ? RK__SGR_RED : "",
             *green = color ? RK__SGR_GREEN : "", *cyan = color ? RK__SGR_CYAN : "",
             *reset = color ? RK__SGR_RESET : "";
  bool any = false;
  for (int k = 0; k < nops; k++)
    any |= ops[k].kind != ' ';
  if (any) {
    fprintf(f, "%s--- %s%s\n", bold, label_a, reset);
    fprintf(f, "%s+++ %s%s\n", bold, label_b, reset);
  }
  for (int k = 0; k < nops;) {
    if (ops[k].kind == ' ') {
      k++;
      continue;
    }
    /* A hunk: from this change, while the next change is within 2*CONTEXT. */
    int first = k, last = k;
    for (int q = k + 1; q < nops; q++) {
      if (ops[q].kind == ' ')
        continue;
      if (q - last - 1 > 2 * CONTEXT)
        break;
      last = q;
    }
    int start = first - CONTEXT < 0 ? 0 : first - CONTEXT;
    int end = last + CONTEXT + 1 > nops ? nops : last + CONTEXT + 1;
    int alen = 0, blen = 0;
    for (int q = start; q < end; q++) {
      alen += ops[q].kind != '+';
      blen += ops[q].kind != '-';
    }
    int astart = ops[start].a + (alen ? 1 : 0), bstart = ops[start].b + (blen ? 1 : 0);
    fprintf(f, "%s@@ -%d,%d +%d,%d @@%s\n", cyan, astart, alen, bstart, blen, reset);
    for (int q = start; q < end; q++) {
      if (ops[q].kind == ' ')
        fprintf(f, " %s\n", a->v[ops[q].a]);
      else if (ops[q].kind == '-')
        fprintf(f, "%s-%s%s\n", red, a->v[ops[q].a], reset);
      else
        fprintf(f, "%s+%s%s\n", green, b->v[ops[q].b], reset);
    }
    k = end;
  }
  free(ops);
  free(a2b);
  free(b2a);
}
