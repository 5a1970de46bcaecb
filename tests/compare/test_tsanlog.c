/* SPDX-License-Identifier: MIT */
/* The ThreadSanitizer log parser (cli/tsanlog.c) on real logs captured from
 * clang 14's and gcc 12's ThreadSanitizer (tests/compare/logs/, sources in
 * logs/src/): every parsed structure is compared with a golden dump
 * (logs/NAME.parsed), and the key facts are asserted one by one; then
 * truncated, corrupt and hostile input. */
#include "tsanlog.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RK_COMPARE_LOGS
#error "RK_COMPARE_LOGS must name tests/compare/logs"
#endif

static char *read_file(const char *name, size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", RK_COMPARE_LOGS, name);
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "cannot open %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static void parse_ok(const char *name, rk_tsan_log *log) {
  size_t len;
  char *text = read_file(name, &len);
  char err[512];
  int rc = rk_tsan_parse(text, len, name, log, err, sizeof err);
  cr_assert_eq(rc, 0, "%s: %s", name, err);
  free(text);
}

/* ------------------------------------------------------------ the dump */

static void dump_stack(FILE *f, const rk_tsan_stack *s) {
  if (!s->restored)
    fprintf(f, "    [failed to restore the stack]\n");
  for (int i = 0; i < s->n; i++) {
    const rk_tsan_frame *fr = &s->frames[i];
    fprintf(f, "    #%d func=%s file=%s line=%d col=%d module=%s offset=0x%llx\n", i,
            fr->func ? fr->func : "-", fr->file ? fr->file : "-", fr->line, fr->col,
            fr->module ? fr->module : "-", fr->offset);
  }
}

static char *dump(const rk_tsan_log *log) {
  char *out = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&out, &n);
  fprintf(f, "reports %d, warnings %d, fatal %s\n", log->n, log->warnings,
          log->fatal ? log->fatal : "-");
  for (int i = 0; i < log->n; i++) {
    const rk_tsan_report *r = &log->reports[i];
    fprintf(f, "report %d: lines %d-%d, %s: \"%s\", pid %ld, threads %d\n", i + 1, r->line,
            r->end_line, r->race ? "race" : "other", r->title, r->pid, r->nthreads);
    fprintf(f, "  location: %s\n", r->location ? r->location : "-");
    fprintf(f, "  summary: %s\n", r->summary ? r->summary : "-");
    for (int k = 0; k < r->nacc; k++) {
      const rk_tsan_access *a = &r->acc[k];
      fprintf(f, "  access: %s%s%s size %u at 0x%llx by %s, mutexes %s\n",
              a->previous ? "previous " : "", a->atomic ? "atomic " : "",
              a->write ? "write" : "read", a->size, a->addr, a->thread,
              a->mutexes ? a->mutexes : "-");
      dump_stack(f, &a->stack);
      const rk_tsan_frame *u = rk_tsan_user_frame(&a->stack);
      fprintf(f, "    user frame: %s:%d\n", u ? (u->file ? u->file : u->module) : "-",
              u ? u->line : 0);
    }
    if (r->stack.n > 0) {
      fprintf(f, "  stack:\n");
      dump_stack(f, &r->stack);
    }
  }
  fclose(f);
  return out;
}

static void check_golden(const char *name) {
  rk_tsan_log log;
  parse_ok(name, &log);
  char *got = dump(&log);
  char golden[256];
  snprintf(golden, sizeof golden, "%.*s.parsed", (int)(strlen(name) - 4), name);
  if (getenv("RK_UPDATE_GOLDEN")) { /* regenerate; review the diff by hand */
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", RK_COMPARE_LOGS, golden);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(got, f);
    fclose(f);
  }
  size_t len;
  char *want = read_file(golden, &len);
  if (strcmp(got, want) != 0) {
    /* Show the first differing line. */
    const char *g = got, *w = want;
    int line = 1;
    while (*g && *g == *w) {
      if (*g == '\n')
        line++;
      g++;
      w++;
    }
    cr_assert_fail("%s differs from %s at line %d:\n got: %.120s\nwant: %.120s", name, golden,
                   line, g, w);
  }
  free(got);
  free(want);
  rk_tsan_log_free(&log);
}

Test(tsanlog_golden, two_races_clang) { check_golden("two_races.clang.log"); }
Test(tsanlog_golden, two_races_gcc) { check_golden("two_races.gcc.log"); }
Test(tsanlog_golden, atomic_mixed_clang) { check_golden("atomic_mixed.clang.log"); }
Test(tsanlog_golden, atomic_mixed_gcc) { check_golden("atomic_mixed.gcc.log"); }
Test(tsanlog_golden, libc_frames_clang) { check_golden("libc_frames.clang.log"); }
Test(tsanlog_golden, libc_frames_gcc) { check_golden("libc_frames.gcc.log"); }
Test(tsanlog_golden, libc_frames_nosym_gcc) { check_golden("libc_frames_nosym.gcc.log"); }
Test(tsanlog_golden, lost_stack_clang) { check_golden("lost_stack.clang.log"); }
Test(tsanlog_golden, lost_stack_gcc) { check_golden("lost_stack.gcc.log"); }
Test(tsanlog_golden, not_races_clang) { check_golden("not_races.clang.log"); }
Test(tsanlog_golden, not_races_gcc) { check_golden("not_races.gcc.log"); }

/* ------------------------------------------------- facts, one by one */

Test(tsanlog, reports_between_program_output) {
  rk_tsan_log log;
  parse_ok("two_races.clang.log", &log);
  /* "starting" (line 1) and "counter=2" (line 22) are the program's. */
  cr_assert_eq(log.n, 2);
  cr_assert_eq(log.warnings, 2);
  cr_assert_eq(log.reports[0].line, 3);
  cr_assert_eq(log.reports[1].line, 24);
  cr_assert(log.reports[0].race && log.reports[1].race);
  cr_assert_str_eq(log.reports[0].title, "data race");
  cr_assert_eq(log.reports[0].nthreads, 2);
  const rk_tsan_access *a = &log.reports[1].acc[0], *b = &log.reports[1].acc[1];
  cr_assert(!a->previous && !a->write && !a->atomic && a->size == 8);
  cr_assert_str_eq(a->thread, "main thread");
  cr_assert(b->previous && b->write);
  cr_assert_str_eq(b->thread, "thread T3");
  cr_assert_str_eq(b->stack.frames[0].func, "fill");
  cr_assert_str_eq(b->stack.frames[0].file, "/src/two_races.c");
  cr_assert_eq(b->stack.frames[0].line, 25);
  cr_assert_eq(b->stack.frames[0].col, 12);
  cr_assert_str_eq(log.reports[1].location, "heap block of size 8 at 0x7b0400000000 allocated by main thread");
  rk_tsan_log_free(&log);
}

Test(tsanlog, atomic_access) {
  rk_tsan_log log;
  parse_ok("atomic_mixed.gcc.log", &log);
  cr_assert(log.reports[0].acc[0].atomic && log.reports[0].acc[0].write);
  cr_assert(!log.reports[0].acc[1].atomic && !log.reports[0].acc[1].write);
  rk_tsan_log_free(&log);
  parse_ok("atomic_mixed.clang.log", &log);
  cr_assert(log.reports[0].acc[1].previous && log.reports[0].acc[1].atomic);
  rk_tsan_log_free(&log);
}

Test(tsanlog, intercepted_call_user_frame) {
  /* clang: "#0 memcpy <null> (prog+0x..)" then "#1 main file:26:3". */
  rk_tsan_log log;
  parse_ok("atomic_mixed.clang.log", &log);
  const rk_tsan_stack *s = &log.reports[1].acc[0].stack;
  cr_assert_eq(s->n, 2);
  cr_assert_str_eq(s->frames[0].func, "memcpy");
  cr_assert_null(s->frames[0].file);
  const rk_tsan_frame *u = rk_tsan_user_frame(s);
  cr_assert_str_eq(u->func, "main");
  cr_assert_eq(u->line, 26);
  rk_tsan_log_free(&log);
}

Test(tsanlog, libc_and_runtime_frames) {
  rk_tsan_log log;
  parse_ok("libc_frames.gcc.log", &log);
  /* The qsort interceptor frames are in libtsan.so.2 with a source file of
     the sanitizer runtime; bsearch is a frame of libc.so.6. */
  const rk_tsan_stack *s = &log.reports[0].acc[0].stack;
  cr_assert_eq(s->n, 4);
  cr_assert_str_eq(s->frames[1].module, "libtsan.so.2");
  cr_assert_eq(s->frames[1].offset, 0x604b2);
  const rk_tsan_stack *t = &log.reports[1].acc[0].stack;
  cr_assert_str_eq(t->frames[1].module, "libc.so.6");
  cr_assert_str_eq(t->frames[1].func, "__GI_bsearch");
  cr_assert_eq(rk_tsan_user_frame(t)->line, 20);
  rk_tsan_log_free(&log);
}

Test(tsanlog, frames_without_symbols) {
  rk_tsan_log log;
  parse_ok("libc_frames_nosym.gcc.log", &log);
  const rk_tsan_frame *f = &log.reports[0].acc[0].stack.frames[0];
  cr_assert_null(f->func);
  cr_assert_null(f->file);
  cr_assert_str_eq(f->module, "libc_frames-gcc");
  cr_assert_eq(f->offset, 0x1224);
  /* No source anywhere: the user frame is the first frame outside libtsan. */
  cr_assert_eq(rk_tsan_user_frame(&log.reports[0].acc[0].stack), f);
  rk_tsan_log_free(&log);
}

Test(tsanlog, failed_to_restore_the_stack) {
  rk_tsan_log log;
  parse_ok("lost_stack.gcc.log", &log);
  cr_assert_eq(log.n, 1);
  const rk_tsan_access *p = &log.reports[0].acc[1];
  cr_assert(p->previous && !p->stack.restored);
  cr_assert_eq(p->stack.n, 0);
  cr_assert_null(rk_tsan_user_frame(&p->stack));
  rk_tsan_log_free(&log);
  /* clang 14's runtime drops a race whose stack it cannot restore. */
  parse_ok("lost_stack.clang.log", &log);
  cr_assert_eq(log.n, 0);
  cr_assert_eq(log.warnings, -1);
  rk_tsan_log_free(&log);
}

Test(tsanlog, reports_that_are_not_races) {
  static const char *const titles[] = {
      "lock-order-inversion (potential deadlock)",
      "unlock of an unlocked mutex (or by a wrong thread)",
      "destroy of a locked mutex",
      "signal-unsafe call inside of a signal",
      "signal-unsafe call inside of a signal",
      "data race",
      "heap-use-after-free",
      "thread leak",
  };
  static const char *const logs[] = {"not_races.clang.log", "not_races.gcc.log"};
  for (int l = 0; l < 2; l++) {
    rk_tsan_log log;
    parse_ok(logs[l], &log);
    cr_assert_eq(log.n, 8, "%s", logs[l]);
    cr_assert_eq(log.warnings, 8);
    for (int i = 0; i < 8; i++) {
      cr_assert_str_eq(log.reports[i].title, titles[i], "%s report %d", logs[l], i + 1);
      cr_assert_eq(log.reports[i].race, i == 5, "%s report %d", logs[l], i + 1);
    }
    /* heap-use-after-free has two accesses, the previous one is free(). */
    cr_assert_eq(log.reports[6].nacc, 2);
    cr_assert_str_eq(log.reports[6].acc[1].stack.frames[0].func, "free");
    cr_assert_eq(rk_tsan_user_frame(&log.reports[6].acc[1].stack)->line, 75);
    /* The thread leak's stack is the creation stack: user frame main:81. */
    cr_assert_eq(rk_tsan_user_frame(&log.reports[7].stack)->line, 81);
    rk_tsan_log_free(&log);
  }
}

/* -------------------------------------------------- bad and odd input */

static int parse_text(const char *text, rk_tsan_log *log, char *err, size_t errlen) {
  return rk_tsan_parse(text, strlen(text), "t.log", log, err, errlen);
}

Test(tsanlog_bad, truncated_log_names_the_report_line) {
  size_t len;
  char *text = read_file("two_races.clang.log", &len);
  /* Cut inside the second report (which starts on line 24). */
  char *cut = text;
  for (int line = 1; line < 30; line++)
    cut = strchr(cut, '\n') + 1;
  rk_tsan_log log;
  char err[512];
  int rc = rk_tsan_parse(text, (size_t)(cut - text), "tsan.log", &log, err, sizeof err);
  cr_assert_eq(rc, -1);
  cr_assert_str_eq(err, "tsan.log:24: report truncated (no end marker)");
  cr_assert_eq(log.n, 1, "the complete first report is kept");
  rk_tsan_log_free(&log);
  free(text);
}

Test(tsanlog_bad, report_cut_by_another_report) {
  rk_tsan_log log;
  char err[512];
  int rc = parse_text("==================\n"
                      "WARNING: ThreadSanitizer: data race (pid=1)\n"
                      "  Write of size 4 at 0x10 by thread T1:\n"
                      "WARNING: ThreadSanitizer: thread leak (pid=1)\n",
                      &log, err, sizeof err);
  cr_assert_eq(rc, -1);
  cr_assert_str_eq(err, "t.log:2: report truncated (no end marker)");
  rk_tsan_log_free(&log);
}

Test(tsanlog_bad, malformed_frame_and_access) {
  rk_tsan_log log;
  char err[512];
  cr_assert_eq(parse_text("==================\n"
                          "WARNING: ThreadSanitizer: data race (pid=1)\n"
                          "  Write of size 4 at 0x10 by thread T1:\n"
                          "    #0 f /a.c:1 (p+0xZZ)\n",
                          &log, err, sizeof err),
               -1);
  cr_assert_str_eq(err, "t.log:4: malformed stack frame");
  rk_tsan_log_free(&log);
  cr_assert_eq(parse_text("WARNING: ThreadSanitizer: data race (pid=1)\n"
                          "  Write of size four at 0x10 by thread T1:\n",
                          &log, err, sizeof err),
               -1);
  cr_assert_str_eq(err, "t.log:2: malformed access line");
  rk_tsan_log_free(&log);
  cr_assert_eq(parse_text("WARNING: ThreadSanitizer: data race (pid=1)\n"
                          "  Write of size 4 at 0x10 by thread T1:\n"
                          "    #0 f /a.c:1 (p+0x1)\n"
                          "    #2 g /a.c:2 (p+0x2)\n",
                          &log, err, sizeof err),
               -1);
  cr_assert_str_eq(err, "t.log:4: stack frame #2 out of order");
  rk_tsan_log_free(&log);
}

Test(tsanlog_bad, race_with_one_access) {
  rk_tsan_log log;
  char err[512];
  cr_assert_eq(parse_text("==================\n"
                          "WARNING: ThreadSanitizer: data race (pid=1)\n"
                          "  Write of size 4 at 0x10 by thread T1:\n"
                          "    #0 f /a.c:1:2 (p+0x1)\n"
                          "\n"
                          "==================\n",
                          &log, err, sizeof err),
               -1);
  cr_assert_str_eq(err, "t.log:2: data race report has 1 access (expected 2)");
  cr_assert_eq(log.n, 0);
  rk_tsan_log_free(&log);
}

Test(tsanlog_odd, colour_and_crlf_parse_the_same) {
  const char *plain = "==================\n"
                      "WARNING: ThreadSanitizer: data race (pid=9)\n"
                      "  Write of size 4 at 0x10 by thread T1:\n"
                      "    #0 f /a.c:1:2 (p+0x1)\n"
                      "\n"
                      "  Previous read of size 4 at 0x10 by main thread:\n"
                      "    #0 main /a.c:7 (p+0x2)\n"
                      "\n"
                      "SUMMARY: ThreadSanitizer: data race /a.c:1:2 in f\n"
                      "==================\n";
  const char *fancy = "==================\r\n"
                      "\033[1m\033[31mWARNING: ThreadSanitizer: data race (pid=9)\033[1m\033[0m\r\n"
                      "\033[1m\033[34m  Write of size 4 at 0x10 by thread T1:\033[1m\033[0m\r\n"
                      "    #0 f /a.c:1:2 (p+0x1)\r\n"
                      "\r\n"
                      "\033[1m\033[34m  Previous read of size 4 at 0x10 by main thread:\033[0m\r\n"
                      "    #0 main /a.c:7 (p+0x2)\r\n"
                      "\r\n"
                      "SUMMARY: ThreadSanitizer: data race /a.c:1:2 in f\r\n"
                      "==================\r\n";
  rk_tsan_log a, b;
  char err[512];
  cr_assert_eq(parse_text(plain, &a, err, sizeof err), 0, "%s", err);
  cr_assert_eq(parse_text(fancy, &b, err, sizeof err), 0, "%s", err);
  char *da = dump(&a), *db = dump(&b);
  cr_assert_str_eq(da, db);
  cr_assert_eq(a.n, 1);
  cr_assert_eq(a.reports[0].acc[1].stack.frames[0].line, 7);
  free(da);
  free(db);
  rk_tsan_log_free(&a);
  rk_tsan_log_free(&b);
}

Test(tsanlog_odd, garbage_and_empty_input) {
  rk_tsan_log log;
  char err[512];
  cr_assert_eq(rk_tsan_parse("", 0, "e.log", &log, err, sizeof err), 0);
  cr_assert_eq(log.n, 0);
  rk_tsan_log_free(&log);
  /* Binary noise with NUL bytes and no report header is program output. */
  unsigned char noise[4096];
  unsigned s = 12345;
  for (size_t i = 0; i < sizeof noise; i++) {
    s = s * 1103515245u + 12345u;
    noise[i] = (unsigned char)(s >> 16);
  }
  cr_assert_eq(rk_tsan_parse((const char *)noise, sizeof noise, "n.log", &log, err, sizeof err), 0);
  cr_assert_eq(log.n, 0);
  rk_tsan_log_free(&log);
}

Test(tsanlog_odd, fatal_error_is_kept) {
  rk_tsan_log log;
  char err[512];
  cr_assert_eq(parse_text("hello\nFATAL: ThreadSanitizer: unexpected memory mapping 0x7f-0x80\n",
                          &log, err, sizeof err),
               0);
  cr_assert_str_eq(log.fatal, "FATAL: ThreadSanitizer: unexpected memory mapping 0x7f-0x80");
  cr_assert_eq(log.fatal_line, 2);
  rk_tsan_log_free(&log);
}
