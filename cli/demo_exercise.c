/* SPDX-License-Identifier: MIT */
/* racekit demo exercise and demo verify: hand an attendee the racy program
 * with the task in a header comment, and check the attendee's fix: no race
 * reported, no deadlock, and the fixed program's output. */
#include "cc.h"
#include "demo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Appends text to b as comment lines " * ...", wrapped at about 72
   columns, with "*" "/" never closing the comment early. */
static void add_wrapped(rk__buf *b, const char *lead, const char *text) {
  size_t col = 0;
  rk__buf_addf(b, " * %s", lead);
  col = 3 + strlen(lead);
  const char *s = text;
  while (*s) {
    while (*s == ' ')
      s++;
    size_t w = strcspn(s, " ");
    if (!w)
      break;
    if (col + 1 + w > 74 && col > 3 + strlen(lead)) {
      rk__buf_addf(b, "\n * %*s", (int)strlen(lead), "");
      col = 3 + strlen(lead);
    } else if (col > 3 + strlen(lead)) {
      rk__buf_add(b, " ", 1);
      col++;
    }
    for (size_t i = 0; i < w; i++) {
      if (s[i] == '/' && i > 0 && s[i - 1] == '*')
        rk__buf_add(b, " ", 1);
      rk__buf_add(b, &s[i], 1);
    }
    col += w;
    s += w;
  }
  rk__buf_add(b, "\n", 1);
}

static int count_lines(const char *s) {
  int n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

int rk__demo_cmd_exercise(int argc, char **argv) {
  rk__demo_args a;
  const char *usage = "racekit demo exercise NAME [DIR] [--force]";
  int st = rk__demo_parse("exercise", usage, argc, argv, RK__DOPT_FORCE, 1, 2, &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo exercise", a.pos[0])) != 0)
    return st;
  const char *n = d.t->name;
  char dir[PATH_MAX], file[PATH_MAX + 300], base[300];
  if (a.npos > 1)
    snprintf(dir, sizeof dir, "%s", a.pos[1]);
  else
    snprintf(dir, sizeof dir, "%s-exercise", n);
  snprintf(base, sizeof base, "%s.c", n);
  snprintf(file, sizeof file, "%s/%s", dir, base);

  rk__buf racy = {0}, expected = {0}, out = {0};
  st = 0;
  if (rk__buf_read_file(&racy, d.racy) != 0) {
    fprintf(stderr, "racekit: demo exercise: cannot read %s: %s\n", d.racy, strerror(errno));
    st = 2;
    goto out;
  }
  bool have_expected = rk__buf_read_file(&expected, d.expected) == 0;
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "racekit: demo exercise: cannot create %s: %s\n", dir, strerror(errno));
    st = 1;
    goto out;
  }
  if (!rk__dir_exists(dir)) {
    fprintf(stderr, "racekit: demo exercise: %s exists and is not a directory\n", dir);
    st = 1;
    goto out;
  }
  if (!a.force && access(file, F_OK) == 0) {
    fprintf(stderr, "racekit: demo exercise: %s already exists (--force overwrites it)\n", file);
    st = 1;
    goto out;
  }

  /* The header; the racy lines are renumbered by its length. */
  rk__buf head = {0};
  rk__buf_addf(&head, "/* racekit exercise: %s — ", n);
  for (const char *s = d.t->title; *s; s++) { /* never close the comment */
    if (*s == '/' && s > d.t->title && s[-1] == '*')
      rk__buf_add(&head, " ", 1);
    rk__buf_add(&head, s, 1);
  }
  rk__buf_addf(&head, "\n *\n");
  int pass2_lines = 0;
  for (int pass = 0; pass < 2; pass++) {
    int off = pass2_lines;
    rk__buf h = {0};
    rk__buf_add(&h, head.data, head.len);
    if (d.t->lines[0] == d.t->lines[1])
      rk__buf_addf(&h, " * This program has a data race: line %d of this file is run by two\n"
                       " * threads at once with nothing ordering the accesses.\n",
                   d.t->lines[0] + off);
    else
      rk__buf_addf(&h, " * This program has a data race: the accesses on lines %d and %d of\n"
                       " * this file conflict, with no happens-before edge between them.\n",
                   d.t->lines[0] + off, d.t->lines[1] + off);
    rk__buf_addf(&h, " *\n * Task: fix it, changing as little as you can, so that\n"
                     " *     racekit demo verify %s %s\n"
                     " * passes: no data race reported, no deadlock",
                 n, base);
    if (have_expected && expected.len) {
      rk__buf_addf(&h, ", and exactly this output:\n");
      rk__lines el;
      rk__lines_split(&el, expected.data);
      for (int i = 0; i < el.n; i++)
        add_wrapped(&h, "    ", el.v[i]);
      rk__lines_free(&el);
    } else {
      rk__buf_addf(&h, ", and the fixed program's output.\n");
    }
    rk__buf_addf(&h, " *\n * See the race: racekit run %s\n", base);
    rk__buf_addf(&h, " *\n");
    add_wrapped(&h, "Hint (if you are stuck): ", d.t->lesson);
    rk__buf_addf(&h, " */\n");
    if (pass == 0) {
      pass2_lines = count_lines(h.data);
      rk__buf_free(&h);
      continue;
    }
    rk__buf_add(&out, h.data, h.len);
    rk__buf_free(&h);
  }
  rk__buf_free(&head);
  rk__buf_add(&out, racy.data, racy.len);

  FILE *f = fopen(file, "w");
  if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0) {
    fprintf(stderr, "racekit: demo exercise: cannot write %s: %s\n", file, strerror(errno));
    st = 1;
    goto out;
  }
  printf("Wrote %s: the racy program of '%s' (%s).\n", file, n, d.t->title);
  printf("  see the race:    racekit run %s\n", file);
  printf("  check your fix:  racekit demo verify %s %s\n", n, file);
out:
  rk__buf_free(&racy);
  rk__buf_free(&expected);
  rk__buf_free(&out);
  rk__demo_close(&d);
  return st;
}

/* --------------------------------------------------------------- verify */

static bool has_race(const rk__proc *p) {
  const char *e = p->err.data ? p->err.data : "";
  return p->status == 66 || strstr(e, "WARNING: DATA RACE") ||
         strstr(e, "WARNING: ThreadSanitizer: data race");
}

static bool has_deadlock(const rk__proc *p) {
  const char *e = p->err.data ? p->err.data : "";
  return p->timed_out || strstr(e, "deadlock");
}

static void list_runs(const char *what, const bool *flags, int n) {
  int count = 0;
  for (int i = 0; i < n; i++)
    count += flags[i];
  printf("%s%s", what, count == 1 ? "run" : "runs");
  for (int i = 0, k = 0; i < n; i++)
    if (flags[i])
      printf("%s%d", k++ == 0 ? " " : k == count ? " and " : ", ", i + 1);
  printf(")\n");
}

int rk__demo_cmd_verify(int argc, char **argv) {
  rk__demo_args a;
  const char *usage = "racekit demo verify NAME FILE [--times N] [--compiler=clang|gcc]";
  int st = rk__demo_parse("verify", usage, argc, argv,
                          RK__DOPT_TIMES | RK__DOPT_COMPILER | RK__DOPT_VERBOSE | RK__DOPT_COLOR, 2,
                          2, &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__demo d;
  if ((st = rk__demo_open(&d, "demo verify", a.pos[0])) != 0)
    return st;
  const char *file = a.pos[1];
  bool color = rk__color_on(a.color, stdout);
  int times = a.times ? a.times : 3;
  rk__buf expected = {0};
  char tmp[PATH_MAX] = "", exe[PATH_MAX + 32];
  rk__proc *runs = NULL;
  if (!rk__file_exists(file)) {
    fprintf(stderr, "racekit: demo verify: no such file: %s\n", file);
    st = 2;
    goto out;
  }
  if (rk__buf_read_file(&expected, d.expected) != 0) {
    fprintf(stderr, "racekit: demo verify: cannot read %s: %s\n", d.expected, strerror(errno));
    st = 2;
    goto out;
  }
  if (rk__tmpdir_make(tmp, sizeof tmp) != 0) {
    st = 2;
    goto out;
  }
  snprintf(exe, sizeof exe, "%s/verify", tmp);

  printf("Verifying %s against '%s' (%s).\n", file, d.t->name, d.t->title);
  rk__cc_opts o = {.compiler = a.compiler ? a.compiler : rk__cc_default_compiler(),
                   .verbose = a.verbose};
  char *cc_args[] = {(char *)file, "-o", exe, NULL};
  char compiler[PATH_MAX];
  if ((st = rk__cc_find("demo verify", o.compiler, compiler, sizeof compiler)) != 0)
    goto out;
  st = rk__cc_build("demo verify", &o, 3, cc_args);
  if (st != 0) {
    printf("%sFAIL%s: %s does not build (see the messages above).\n", color ? RK__SGR_RED : "",
           color ? RK__SGR_RESET : "", file);
    st = 1;
    goto out;
  }

  runs = calloc((size_t)times, sizeof *runs);
  bool *raced = calloc((size_t)times, 1), *locked = calloc((size_t)times, 1),
       *wrong = calloc((size_t)times, 1), *failed = calloc((size_t)times, 1);
  if (!runs || !raced || !locked || !wrong || !failed) {
    fprintf(stderr, "racekit: out of memory\n");
    exit(2);
  }
  int nrun = 0, nraced = 0, nlocked = 0, nwrong = 0, nfailed = 0;
  for (int r = 0; r < times; r++) {
    char *argv_run[] = {exe, NULL};
    rk__proc *p = &runs[r];
    *p = (rk__proc){.argv = argv_run, .capture_out = true, .capture_err = true,
                    .stdin_null = true, .timeout_ms = 2 * RK__DEMO_TIMEOUT_S * 1000};
    int rs = rk__proc_run(p);
    nrun++;
    raced[r] = has_race(p);
    locked[r] = has_deadlock(p);
    wrong[r] = strcmp(p->out.data ? p->out.data : "", expected.data ? expected.data : "") != 0;
    failed[r] = !raced[r] && !locked[r] && rs != 0;
    nraced += raced[r];
    nlocked += locked[r];
    nwrong += wrong[r];
    nfailed += failed[r];
    printf("run %d: %s%s%s%s\n", r + 1,
           raced[r] ? "data race reported; " : "", locked[r] ? "deadlock; " : "",
           wrong[r] ? "output differs" : "output as expected",
           failed[r] ? "; exited with an error" : "");
    if (locked[r])
      break; /* a deadlock costs the whole timeout: once is enough */
  }

  /* Show the evidence of the first failure of each kind. */
  for (int r = 0; r < nrun; r++)
    if (raced[r] || failed[r] || locked[r]) {
      printf("\n--- what run %d printed on stderr:\n", r + 1);
      fputs(runs[r].err.data ? runs[r].err.data : "", stdout);
      if (runs[r].timed_out)
        printf("(stopped after %d s without finishing)\n", 2 * RK__DEMO_TIMEOUT_S);
      else if (runs[r].status != 0)
        printf("(exit status %d)\n", runs[r].status);
      break;
    }
  for (int r = 0; r < nrun; r++)
    if (wrong[r]) {
      printf("\n--- run %d's output against the fixed program's:\n", r + 1);
      rk__lines want, got;
      rk__lines_split(&want, expected.data ? expected.data : "");
      rk__lines_split(&got, runs[r].out.data ? runs[r].out.data : "");
      rk__diff_unified(stdout, "expected.txt", "your program", &want, &got, color);
      rk__lines_free(&want);
      rk__lines_free(&got);
      break;
    }

  const char *ok = color ? RK__SGR_GREEN "ok" RK__SGR_RESET : "ok";
  const char *bad = color ? RK__SGR_RED "FAIL" RK__SGR_RESET : "FAIL";
  printf("\n");
  if (nraced)
    list_runs("no data race     FAILED (racekit reported a race in ", raced, nrun);
  else
    printf("no data race     %s\n", ok);
  if (nlocked)
    list_runs("no deadlock      FAILED (deadlocked or did not finish in ", locked, nrun);
  else
    printf("no deadlock      %s\n", ok);
  if (nwrong)
    list_runs("expected output  FAILED (different output in ", wrong, nrun);
  else
    printf("expected output  %s\n", ok);
  if (nfailed)
    list_runs("clean exit       FAILED (nonzero exit status in ", failed, nrun);
  bool pass = !nraced && !nlocked && !nwrong && !nfailed;
  if (pass)
    printf("%sPASS%s: %s fixes '%s' (%d runs).\n", color ? RK__SGR_GREEN : "",
           color ? RK__SGR_RESET : "", file, d.t->name, nrun);
  else
    printf("%s: %s does not fix '%s' yet.\n", bad, file, d.t->name);
  st = pass ? 0 : 1;
  for (int r = 0; r < nrun; r++)
    rk__proc_free(&runs[r]);
  free(raced);
  free(locked);
  free(wrong);
  free(failed);
out:
  free(runs);
  if (tmp[0])
    rk__rmtree(tmp);
  rk__buf_free(&expected);
  rk__demo_close(&d);
  return st;
}
