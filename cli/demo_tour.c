/* SPDX-License-Identifier: MIT */
/* racekit demo tour: the race-fix workflow on one demo, with headings:
 * run the racy program several times without a checker, check it with
 * racekit, read the fix, check the fixed program, and run both under
 * ThreadSanitizer. */
#include "cc.h"
#include "demo.h"
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { STEPS = 5 };

typedef struct tour {
  const rk__demo *d;
  bool color, pause;
} tour;

static void wait_enter(const tour *t) {
  if (!t->pause)
    return;
  printf("\n%s[press Enter to continue]%s", t->color ? RK__SGR_YELLOW : "",
         t->color ? RK__SGR_RESET : "");
  fflush(stdout);
  int c;
  while ((c = getchar()) != EOF && c != '\n')
    ;
}

static void heading(const tour *t, int step, const char *what, const char *cmd) {
  printf("\n%s== Step %d/%d: %s%s\n", t->color ? RK__SGR_BOLD RK__SGR_CYAN : "", step, STEPS, what,
         t->color ? RK__SGR_RESET : "");
  if (cmd)
    printf("%s$ %s%s\n", t->color ? RK__SGR_BOLD : "", cmd, t->color ? RK__SGR_RESET : "");
  printf("\n");
}

/* Prints line n (1-based) of path, or nothing. */
static void print_source_line(const char *path, int n) {
  rk__buf b = {0};
  if (rk__buf_read_file(&b, path) != 0 || !b.data)
    goto out;
  rk__lines l;
  rk__lines_split(&l, b.data);
  if (n >= 1 && n <= l.n)
    printf("    racy.c:%-4d %s\n", n, l.v[n - 1]);
  rk__lines_free(&l);
out:
  rk__buf_free(&b);
}

static const char *verdict(int st) {
  if (st == 0)
    return "no race (exit 0)";
  if (st == 66)
    return "race reported (exit 66)";
  if (st == RK__EXIT_TIMEOUT)
    return "stopped: did not finish";
  return "failed";
}

int rk__demo_cmd_tour(int argc, char **argv) {
  rk__demo_args a;
  const char *usage = "racekit demo tour [NAME] [--pause] [--compiler=clang|gcc]";
  int st = rk__demo_parse("tour", usage, argc, argv,
                          RK__DOPT_PAUSE | RK__DOPT_COMPILER | RK__DOPT_COLOR | RK__DOPT_VERBOSE |
                              RK__DOPT_TIMES,
                          0, 1, &a);
  if (st)
    return st == 1 ? 0 : st;
  const char *name = a.npos ? a.pos[0] : "mutex-counter";
  const char *compiler = a.compiler ? a.compiler : rk__cc_default_compiler();
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo tour", name)) != 0)
    return st;
  tour t = {.d = &d, .color = rk__color_on(a.color, stdout), .pause = a.pause};
  const char *n = d.t->name;
  char cmd[512];

  printf("%sracekit demo tour: %s — %s%s\n", t.color ? RK__SGR_BOLD : "", n, d.t->title,
         t.color ? RK__SGR_RESET : "");
  printf("racy.c has a data race; fixed.c is the same program with the fix.\n");
  wait_enter(&t);

  int times = a.times ? a.times : 5;
  snprintf(cmd, sizeof cmd, "racekit demo run %s --times %d", n, times);
  heading(&t, 1, "run racy.c several times, without any checker", cmd);
  rk__demo_run(&d, false, times, compiler, a.verbose, t.color);
  wait_enter(&t);

  snprintf(cmd, sizeof cmd, "racekit demo check %s", n);
  heading(&t, 2, "check racy.c with racekit's race checker", cmd);
  int racy_rk = rk__demo_check(&d, false, compiler, a.verbose);
  printf("\n");
  if (racy_rk == 66)
    printf("racekit reported the race (exit status 66).");
  else
    printf("racekit did not report a race (exit status %d).", racy_rk);
  if (d.t->lines[0] == d.t->lines[1])
    printf(" The conflicting accesses are both on this line:\n");
  else
    printf(" The two conflicting accesses are:\n");
  print_source_line(d.racy, d.t->lines[0]);
  if (d.t->lines[1] != d.t->lines[0])
    print_source_line(d.racy, d.t->lines[1]);
  wait_enter(&t);

  snprintf(cmd, sizeof cmd, "racekit demo diff %s", n);
  heading(&t, 3, "the fix: racy.c against fixed.c", cmd);
  rk__demo_diff(&d, t.color);
  printf("\nLesson: %s\n", d.t->lesson);
  wait_enter(&t);

  snprintf(cmd, sizeof cmd, "racekit demo check %s --fixed", n);
  heading(&t, 4, "check fixed.c with racekit's race checker", cmd);
  int fixed_rk = rk__demo_check(&d, true, compiler, a.verbose);
  printf("\n");
  if (fixed_rk == 0)
    printf("No race reported: the fix adds the happens-before edge.\n");
  else
    printf("racekit: exit status %d on fixed.c.\n", fixed_rk);
  wait_enter(&t);

  snprintf(cmd, sizeof cmd, "racekit demo tsan %s && racekit demo tsan %s --fixed", n, n);
  char what[128];
  snprintf(what, sizeof what, "ThreadSanitizer (%s) on racy.c and fixed.c", compiler);
  heading(&t, 5, what, cmd);
  printf("-- racy.c:\n");
  int racy_ts = rk__demo_tsan(&d, false, compiler, a.verbose);
  printf("\n-- fixed.c:\n");
  int fixed_ts = rk__demo_tsan(&d, true, compiler, a.verbose);
  if (fixed_ts == 0)
    printf("(no output from ThreadSanitizer: no race)\n");

  printf("\n%s== Summary%s\n", t.color ? RK__SGR_BOLD RK__SGR_CYAN : "",
         t.color ? RK__SGR_RESET : "");
  printf("%-9s %-26s %s\n", "", "racekit", "ThreadSanitizer");
  printf("%-9s %-26s %s\n", "racy.c", verdict(racy_rk), verdict(racy_ts));
  printf("%-9s %-26s %s\n", "fixed.c", verdict(fixed_rk), verdict(fixed_ts));
  printf("Lesson: %s\n", d.t->lesson);
  printf("Try it yourself: racekit demo exercise %s\n", n);
  rk__demo_close(&d);
  return racy_rk == 66 && fixed_rk == 0 ? 0 : 1;
}
