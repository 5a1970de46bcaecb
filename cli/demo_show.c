/* SPDX-License-Identifier: MIT */
/* racekit demo show and demo diff: a demo's source with its conflicting
 * lines marked, and the fix as a unified diff. */
#include "demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_lines(rk__lines *l, const char *path) {
  rk__buf b = {0};
  if (rk__buf_read_file(&b, path) != 0) {
    fprintf(stderr, "racekit: cannot read %s: %s\n", path, strerror(errno));
    rk__buf_free(&b);
    return -1;
  }
  rk__lines_split(l, b.data ? b.data : "");
  rk__buf_free(&b);
  return 0;
}

int rk__demo_show(const rk__demo *d, bool fixed, bool color) {
  rk__lines racy, fix;
  if (read_lines(&racy, d->racy) != 0)
    return 2;
  if (read_lines(&fix, d->fixed) != 0) {
    rk__lines_free(&racy);
    return 2;
  }
  /* mark[i]: '>' a conflicting access, '+' a line of the fix, ' ' other. */
  const rk__lines *l = fixed ? &fix : &racy;
  char *mark = rk__xmalloc((size_t)l->n + 1);
  memset(mark, ' ', (size_t)l->n);
  if (!fixed) {
    for (int k = 0; k < 2; k++)
      if (d->t->lines[k] <= racy.n)
        mark[d->t->lines[k] - 1] = '>';
  } else {
    int *a2b = rk__xmalloc(sizeof(int) * (size_t)(racy.n + 1));
    int *b2a = rk__xmalloc(sizeof(int) * (size_t)(fix.n + 1));
    rk__diff_match(&racy, &fix, a2b, b2a);
    for (int j = 0; j < fix.n; j++)
      if (b2a[j] < 0)
        mark[j] = '+';
    for (int k = 0; k < 2; k++) {
      int i = d->t->lines[k] - 1;
      if (i < racy.n && a2b[i] >= 0)
        mark[a2b[i]] = '>';
    }
    free(a2b);
    free(b2a);
  }

  const char *file = fixed ? "fixed.c" : "racy.c";
  if (color)
    printf("%s%s/%s%s — %s\n", RK__SGR_BOLD, d->t->name, file, RK__SGR_RESET, d->t->title);
  else
    printf("%s/%s — %s\n", d->t->name, file, d->t->title);
  int width = l->n >= 1000 ? 4 : 3;
  for (int i = 0; i < l->n; i++) {
    const char *m = mark[i] == '>' ? ">>" : mark[i] == '+' ? "+ " : "  ";
    if (color && mark[i] != ' ')
      printf("%s%s %*d  %s%s\n", mark[i] == '>' ? RK__SGR_HILITE : RK__SGR_GREEN, m, width, i + 1,
             l->v[i], RK__SGR_RESET);
    else
      printf("%s %*d  %s\n", m, width, i + 1, l->v[i]);
  }
  if (!fixed) {
    if (d->t->lines[0] == d->t->lines[1])
      printf("\n>> line %d: two goroutines or threads access the same memory there, unordered.\n",
             d->t->lines[0]);
    else
      printf("\n>> lines %d and %d: the two conflicting accesses (no happens-before edge "
             "between them).\n",
             d->t->lines[0], d->t->lines[1]);
  } else {
    printf("\n+  the lines of the fix; >> the accesses that raced in racy.c.\n");
  }
  free(mark);
  rk__lines_free(&racy);
  rk__lines_free(&fix);
  return 0;
}

int rk__demo_diff(const rk__demo *d, bool color) {
  rk__lines racy, fix;
  if (read_lines(&racy, d->racy) != 0)
    return 2;
  if (read_lines(&fix, d->fixed) != 0) {
    rk__lines_free(&racy);
    return 2;
  }
  char la[300], lb[300];
  snprintf(la, sizeof la, "%s/racy.c", d->t->name);
  snprintf(lb, sizeof lb, "%s/fixed.c", d->t->name);
  rk__diff_unified(stdout, la, lb, &racy, &fix, color);
  rk__lines_free(&racy);
  rk__lines_free(&fix);
  return 0;
}

int rk__demo_cmd_show(int argc, char **argv) {
  rk__demo_args a;
  int st = rk__demo_parse("show", "racekit demo show NAME [--fixed] [--color=auto|always|never]",
                          argc, argv, RK__DOPT_FIXED | RK__DOPT_COLOR, 1, 1, &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo show", a.pos[0])) != 0)
    return st;
  st = rk__demo_show(&d, a.fixed, rk__color_on(a.color, stdout));
  rk__demo_close(&d);
  return st;
}

int rk__demo_cmd_diff(int argc, char **argv) {
  rk__demo_args a;
  int st = rk__demo_parse("diff", "racekit demo diff NAME [--color=auto|always|never]", argc, argv,
                          RK__DOPT_COLOR, 1, 1, &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo diff", a.pos[0])) != 0)
    return st;
  st = rk__demo_diff(&d, rk__color_on(a.color, stdout));
  rk__demo_close(&d);
  return st;
}
