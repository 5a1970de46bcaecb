/* SPDX-License-Identifier: MIT */
/* The report formats (instrumentation/format_*.c) against golden files,
 * JSON validity, deduplication, suppressions, exit status and
 * halt_on_error (instrumentation/report.c). Races are built by hand with
 * PCs from test_report_fixture.c, so symbolisation through libdw is real;
 * addresses, offsets, pids and build ids are normalised before comparing.
 * RACEKIT_UPDATE_GOLDEN=1 rewrites the golden files instead.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "format.h"
#include "options.h"
#include "report.h"
#include "suppress.h"
#include "test_report_fixture.h"

/* ------------------------------------------------------------ scenarios */

static uintptr_t worker_pcs[2], read_pcs[1], spawn_pcs[1], spawn2_pcs[1], alloc_pcs[1], release_pcs[1],
    outer_pcs[1];
static void *heap_block;

static void capture_all(void) {
  rkt_worker(worker_pcs);
  rkt_read_counter(read_pcs);
  rkt_spawn(spawn_pcs);
  rkt_spawn(spawn2_pcs);
  rkt_alloc(alloc_pcs);
  rkt_release(release_pcs);
  rkt_outer(outer_pcs);
  if (!heap_block)
    heap_block = malloc(40);
}

static rkc_thread_desc main_thread(void) {
  return (rkc_thread_desc){.tid = 0, .kind = RKC_THREAD_MAIN, .goid = 1, .running = true, .parent_tid = -1};
}

/* A pthread writes a global that the main thread read. */
static rkc_race race_global(void) {
  capture_all();
  rkc_race r = {0};
  r.cur = (rkc_access){.addr = (uintptr_t)&rkt_counter,
                       .size = 4,
                       .write = true,
                       .stack = {worker_pcs, 2},
                       .thread = {.tid = 1,
                                  .kind = RKC_THREAD_PTHREAD,
                                  .running = true,
                                  .parent_tid = 0,
                                  .created_at = {spawn_pcs, 1},
                                  .os_tid = 4242}};
  r.prev = (rkc_access){
      .addr = (uintptr_t)&rkt_counter, .size = 4, .stack = {read_pcs, 1}, .thread = main_thread()};
  r.loc.kind = RKC_LOC_UNKNOWN;
  return r;
}

static const rkc_sync_note heap_sync[] = {
    {.kind = "chan_send", .obj = (void *)0x1000, .seq = 3, .goid = 3, .file = "pipeline.c", .line = 21},
    {.kind = "wg_done", .obj = (void *)0x2000, .seq = 1, .goid = 3, .file = NULL, .line = 0},
};

/* Two goroutines, one finished, on a heap block that has been freed. */
static rkc_race race_heap(void) {
  capture_all();
  rkc_race r = {0};
  r.cur = (rkc_access){.addr = (uintptr_t)heap_block + 16,
                       .size = 8,
                       .write = true,
                       .stack = {worker_pcs, 2},
                       .thread = {.tid = 3,
                                  .kind = RKC_THREAD_GOROUTINE,
                                  .goid = 7,
                                  .running = true,
                                  .parent_tid = 0,
                                  .created_at = {spawn_pcs, 1},
                                  .os_tid = 4243}};
  r.prev = (rkc_access){.addr = (uintptr_t)heap_block + 16,
                        .size = 8,
                        .stack = {read_pcs, 1},
                        .thread = {.tid = 2,
                                   .kind = RKC_THREAD_GOROUTINE,
                                   .goid = 3,
                                   .running = false,
                                   .parent_tid = 0,
                                   .created_at = {spawn2_pcs, 1},
                                   .os_tid = 4244}};
  r.loc = (rkc_location){.kind = RKC_LOC_HEAP,
                         .block = (uintptr_t)heap_block,
                         .block_size = 40,
                         .alloc_tid = 0,
                         .alloc_stack = {alloc_pcs, 1},
                         .freed = true,
                         .free_tid = 2,
                         .free_stack = {release_pcs, 1}};
  r.cur_sync = heap_sync;
  r.ncur_sync = 2;
  return r;
}

/* An atomic write through an inlined function races with a plain read of
   a variable on the stack of the thread that created the writer. */
static rkc_race race_stack(void) {
  capture_all();
  static long local;
  rkc_race r = {0};
  r.cur = (rkc_access){.addr = (uintptr_t)&local,
                       .size = 8,
                       .write = true,
                       .atomic = true,
                       .stack = {outer_pcs, 1},
                       .thread = {.tid = 2,
                                  .kind = RKC_THREAD_PTHREAD,
                                  .running = true,
                                  .parent_tid = 1,
                                  .created_at = {spawn2_pcs, 1},
                                  .os_tid = 4245}};
  r.prev = (rkc_access){.addr = (uintptr_t)&local,
                        .size = 8,
                        .stack = {read_pcs, 1},
                        .thread = {.tid = 1,
                                   .kind = RKC_THREAD_PTHREAD,
                                   .running = false,
                                   .parent_tid = 0,
                                   .created_at = {spawn_pcs, 1},
                                   .os_tid = 4246}};
  r.loc = (rkc_location){.kind = RKC_LOC_STACK, .stack_tid = 1};
  return r;
}

/* -------------------------------------------------------------- helpers */

static void set_opts(const char *s) {
  char err[512];
  rkc__options_defaults(&rkc__opts);
  rkc__opts.strip_path_prefix = RKT_SRC_DIR;
  cr_assert_eq(rkc__options_parse(s, &rkc__opts, err, sizeof err), 0, "%s", err);
}

/* Addresses and offsets (0x...), pids and build ids vary from run to
   run; escape characters are made visible. */
static char *normalise(const char *in) {
  size_t n = strlen(in);
  char *out = malloc(n * 5 + 1);
  char *o = out;
  const char *p = in;
  while (*p) {
    if (p[0] == '0' && p[1] == 'x') {
      p += 2;
      while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))
        p++;
      o += sprintf(o, "0x*");
    } else if (strncmp(p, "pid=", 4) == 0 || strncmp(p, "\"pid\":", 6) == 0 || strncmp(p, "BuildId: ", 9) == 0) {
      const char *v = strchr(p, p[0] == 'B' ? ' ' : (p[0] == 'p' ? '=' : ':')) + 1;
      memcpy(o, p, (size_t)(v - p));
      o += v - p;
      p = v;
      while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))
        p++;
      *o++ = '*';
    } else if (*p == '\033') {
      o += sprintf(o, "<ESC>");
      p++;
    } else {
      *o++ = *p++;
    }
  }
  *o = 0;
  return out;
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  size_t got = fread(s, 1, (size_t)n, f);
  s[got] = 0;
  fclose(f);
  return s;
}

static void expect_golden(const char *text, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", RKT_GOLDEN_DIR, name);
  char *got = normalise(text);
  const char *upd = getenv("RACEKIT_UPDATE_GOLDEN");
  if (upd && *upd == '1') {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(got, f);
    fclose(f);
  }
  char *want = read_file(path);
  cr_assert_not_null(want, "missing golden file %s", path);
  cr_expect_str_eq(got, want, "output differs from %s:\n--- got\n%s--- want\n%s", name, got, want);
  free(got);
  free(want);
}

static void expect_format(rkc_race r, rkc__format format, bool color, const char *golden) {
  rkc__tbuf b = RKC__TBUF_INIT;
  rkc__report_format(&r, format, color, &b);
  expect_golden(rkc__tbuf_str(&b), golden);
  rkc__tbuf_free(&b);
}

/* --------------------------------------------------------- golden output */

Test(report_go, global, .timeout = 20) {
  set_opts("");
  expect_format(race_global(), RKC__FORMAT_GO, false, "go_global.txt");
}

Test(report_go, heap, .timeout = 20) {
  set_opts("");
  expect_format(race_heap(), RKC__FORMAT_GO, false, "go_heap.txt");
}

Test(report_go, stack_atomic_inlined, .timeout = 20) {
  set_opts("");
  expect_format(race_stack(), RKC__FORMAT_GO, false, "go_stack.txt");
}

Test(report_go, color, .timeout = 20) {
  set_opts("color=always");
  expect_format(race_global(), RKC__FORMAT_GO, true, "go_global_color.txt");
}

Test(report_tsan, global, .timeout = 20) {
  set_opts("format=tsan");
  expect_format(race_global(), RKC__FORMAT_TSAN, false, "tsan_global.txt");
}

Test(report_tsan, heap, .timeout = 20) {
  set_opts("format=tsan");
  expect_format(race_heap(), RKC__FORMAT_TSAN, false, "tsan_heap.txt");
}

Test(report_tsan, stack_atomic_inlined, .timeout = 20) {
  set_opts("format=tsan");
  expect_format(race_stack(), RKC__FORMAT_TSAN, false, "tsan_stack.txt");
}

Test(report_json, global, .timeout = 20) {
  set_opts("format=json");
  expect_format(race_global(), RKC__FORMAT_JSON, false, "json_global.txt");
}

Test(report_json, heap_with_sync, .timeout = 20) {
  set_opts("format=json");
  expect_format(race_heap(), RKC__FORMAT_JSON, false, "json_heap.txt");
}

Test(report_json, stack_atomic_inlined, .timeout = 20) {
  set_opts("format=json");
  expect_format(race_stack(), RKC__FORMAT_JSON, false, "json_stack.txt");
}

Test(report_go, strip_path_prefix_off_keeps_full_paths, .timeout = 20) {
  set_opts("");
  rkc__opts.strip_path_prefix = NULL;
  rkc__tbuf b = RKC__TBUF_INIT;
  rkc_race r = race_global();
  rkc__report_format(&r, RKC__FORMAT_GO, false, &b);
  char want[1100];
  snprintf(want, sizeof want, "      %stest_report_fixture.c:", RKT_SRC_DIR);
  cr_expect_not_null(strstr(rkc__tbuf_str(&b), want), "%s", rkc__tbuf_str(&b));
  rkc__tbuf_free(&b);
}

Test(report_go, frame_without_debug_info_names_module, .timeout = 20) {
  set_opts("");
  rkc_race r = race_global();
  /* A PC inside libc, which has no line information here. */
  uintptr_t pcs[2] = {(uintptr_t)&write + 4, worker_pcs[1]};
  r.cur.stack = (rkc_stack){pcs, 2};
  const rkc__frame *f;
  cr_assert_geq(rkc__sym_pc(pcs[0], &f), 1);
  cr_expect_not_null(f->module);
  cr_expect_not_null(f->function);
  rkc__tbuf b = RKC__TBUF_INIT;
  rkc__report_format(&r, RKC__FORMAT_GO, false, &b);
  if (!f->file) {
    char want[256];
    snprintf(want, sizeof want, "  %s()\n      ?? (%s+0x", f->function, f->module);
    cr_expect_not_null(strstr(rkc__tbuf_str(&b), want), "%s", rkc__tbuf_str(&b));
  }
  rkc__tbuf_free(&b);
}

/* ------------------------------------------------------------ JSON checks */

/* A strict RFC 8259 validator: returns the end of one value or NULL. */
static const char *j_ws(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

static const char *j_value(const char *p);

static const char *j_string(const char *p) {
  if (*p++ != '"')
    return NULL;
  while (*p != '"') {
    unsigned char c = (unsigned char)*p;
    if (c == 0 || c < 0x20)
      return NULL;
    if (c == '\\') {
      p++;
      if (*p == 'u') {
        for (int i = 1; i <= 4; i++)
          if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
            return NULL;
        p += 5;
        continue;
      }
      if (!*p || !strchr("\"\\/bfnrt", *p))
        return NULL;
    }
    p++;
  }
  return p + 1;
}

static const char *j_number(const char *p) {
  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (*p >= '0' && *p <= '9')
      p++;
  else
    return NULL;
  if (*p == '.') {
    p++;
    if (!(*p >= '0' && *p <= '9'))
      return NULL;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-')
      p++;
    if (!(*p >= '0' && *p <= '9'))
      return NULL;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  return p;
}

static const char *j_value(const char *p) {
  p = j_ws(p);
  if (*p == '{') {
    p = j_ws(p + 1);
    if (*p == '}')
      return p + 1;
    for (;;) {
      p = j_string(j_ws(p));
      if (!p)
        return NULL;
      p = j_ws(p);
      if (*p++ != ':')
        return NULL;
      p = j_value(p);
      if (!p)
        return NULL;
      p = j_ws(p);
      if (*p == '}')
        return p + 1;
      if (*p++ != ',')
        return NULL;
    }
  }
  if (*p == '[') {
    p = j_ws(p + 1);
    if (*p == ']')
      return p + 1;
    for (;;) {
      p = j_value(p);
      if (!p)
        return NULL;
      p = j_ws(p);
      if (*p == ']')
        return p + 1;
      if (*p++ != ',')
        return NULL;
    }
  }
  if (*p == '"')
    return j_string(p);
  if (strncmp(p, "true", 4) == 0)
    return p + 4;
  if (strncmp(p, "false", 5) == 0)
    return p + 5;
  if (strncmp(p, "null", 4) == 0)
    return p + 4;
  return j_number(p);
}

/* Every line is exactly one JSON object. */
static void expect_json_lines(const char *s) {
  int lines = 0;
  while (*s) {
    cr_assert_eq(*s, '{', "line %d does not start an object: %.60s", lines + 1, s);
    const char *e = j_value(s);
    cr_assert_not_null(e, "invalid JSON on line %d: %s", lines + 1, s);
    cr_assert_eq(*e, '\n', "line %d: extra text after the object: %.60s", lines + 1, e);
    s = e + 1;
    lines++;
  }
  cr_assert_gt(lines, 0);
}

/* s is exactly one JSON value (and white space). */
static bool j_doc(const char *s) {
  const char *e = j_value(s);
  return e && *j_ws(e) == 0;
}

Test(report_json, validator_rejects_bad_json, .timeout = 5) {
  cr_expect_not(j_doc("{\"a\":}"));
  cr_expect_not(j_doc("{\"a\":1,}"));
  cr_expect_not(j_doc("[1 2]"));
  cr_expect_not(j_doc("\"tab\there\""));
  cr_expect_not(j_doc("\"\\x\""));
  cr_expect_not(j_doc("01"));
  cr_expect_not(j_doc("{\"a\":1} x"));
  cr_expect_not(j_doc("{a:1}"));
  cr_expect(j_doc("{\"a\":[1,-2.5e3,true,null,\"\\u00e9\\n\"]}"));
}

Test(report_json, every_report_is_one_valid_line, .timeout = 20) {
  set_opts("format=json");
  rkc__tbuf b = RKC__TBUF_INIT;
  rkc_race r1 = race_global(), r2 = race_heap(), r3 = race_stack();
  rkc__report_format(&r1, RKC__FORMAT_JSON, false, &b);
  rkc__report_format(&r2, RKC__FORMAT_JSON, false, &b);
  rkc__report_format(&r3, RKC__FORMAT_JSON, false, &b);
  rkc__report_format_final(3, RKC__FORMAT_JSON, &b);
  expect_json_lines(rkc__tbuf_str(&b));
  rkc__tbuf_free(&b);
}

Test(report_json, strings_are_escaped, .timeout = 5) {
  rkc__tbuf b = RKC__TBUF_INIT;
  rkc__tbuf_json_str(&b, "a\"b\\c\nd\te\x01" "f\x7f" "\xc3\xa9" "\xff" "/");
  rkc__tbuf_putc(&b, '\n');
  cr_expect_str_eq(rkc__tbuf_str(&b), "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u007f\xc3\xa9\\u00ff/\"\n");
  cr_expect_not_null(j_value(rkc__tbuf_str(&b)));
  rkc__tbuf_free(&b);
  rkc__tbuf_json_str(&b, NULL);
  cr_expect_str_eq(rkc__tbuf_str(&b), "null");
  rkc__tbuf_free(&b);
}

Test(report_json, sync_file_names_with_quotes_stay_valid, .timeout = 20) {
  set_opts("format=json");
  rkc_race r = race_heap();
  rkc_sync_note n = {.kind = "chan_recv", .obj = (void *)0x10, .seq = 1, .goid = 2, .file = "we\"ird\\name.c", .line = 3};
  r.cur_sync = &n;
  r.ncur_sync = 1;
  rkc__tbuf b = RKC__TBUF_INIT;
  rkc__report_format(&r, RKC__FORMAT_JSON, false, &b);
  expect_json_lines(rkc__tbuf_str(&b));
  cr_expect_not_null(strstr(rkc__tbuf_str(&b), "\"file\":\"we\\\"ird\\\\name.c\""));
  rkc__tbuf_free(&b);
}

/* ------------------------------------- rkc_report_race and finish, end to end */

/* Points the report output at a fresh file; returns its path. */
static const char *log_to_file(const char *opts) {
  static char prefix[64];
  static char path[96];
  snprintf(prefix, sizeof prefix, "/tmp/rkc_report_%d", (int)getpid());
  char o[256];
  snprintf(o, sizeof o, "%s log_path=%s", opts, prefix);
  set_opts(o);
  snprintf(path, sizeof path, "%s.%d", prefix, (int)getpid());
  unlink(path);
  return path;
}

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
    n++;
  return n;
}

static char *take_log(const char *path) {
  char *s = read_file(path);
  cr_assert_not_null(s, "no log file %s", path);
  unlink(path);
  return s;
}

Test(report_race, same_pair_of_locations_reported_once_in_either_order, .timeout = 20) {
  const char *path = log_to_file("");
  rkc_race r = race_global();
  cr_expect(rkc_report_race(&r));
  cr_expect_not(rkc_report_race(&r));
  rkc_race swapped = r; /* the same two source locations, found the other way round */
  swapped.cur = r.prev;
  swapped.prev = r.cur;
  cr_expect_not(rkc_report_race(&swapped));
  rkc_race other = race_stack(); /* a different pair */
  cr_expect(rkc_report_race(&other));
  cr_expect_eq(rkc_report_count(), 2);
  cr_expect_eq(rkc_report_finish(), 66);
  char *log = take_log(path);
  cr_expect_eq(count(log, "WARNING: DATA RACE\n"), 2, "%s", log);
  cr_expect_eq(count(log, "Found 2 data race(s)\n"), 1, "%s", log);
  free(log);
}

Test(report_race, different_address_same_locations_is_the_same_race, .timeout = 20) {
  const char *path = log_to_file("");
  rkc_race r = race_global();
  cr_expect(rkc_report_race(&r));
  r.cur.addr += 8;
  r.prev.addr += 8;
  cr_expect_not(rkc_report_race(&r));
  cr_expect_eq(rkc_report_count(), 1);
  free(take_log(path));
}

Test(report_race, finish_without_races_keeps_the_exit_status, .timeout = 20) {
  set_opts("");
  cr_expect_eq(rkc_report_finish(), -1);
  cr_expect_eq(rkc_report_count(), 0);
}

Test(report_race, exitcode_option, .timeout = 20) {
  const char *path = log_to_file("exitcode=7 format=tsan");
  rkc_race r = race_global();
  cr_expect(rkc_report_race(&r));
  cr_expect_eq(rkc_report_finish(), 7);
  char *log = take_log(path);
  cr_expect_eq(count(log, "ThreadSanitizer: reported 1 warnings\n"), 1, "%s", log);
  free(log);
}

Test(report_race, suppressed_race_is_not_reported_nor_counted, .timeout = 20) {
  const char *path = log_to_file("");
  char err[256];
  const char *supp = "race:^rkt_bump_counter$\n";
  cr_assert_eq(rkc__supp_parse(&rkc__supps, supp, strlen(supp), "s", err, sizeof err), 0);
  rkc_race r = race_global();
  cr_expect_not(rkc_report_race(&r));
  cr_expect_eq(rkc__supps.head->hits, 1);
  rkc_race other = race_heap(); /* same frames: suppressed too (any frame of either stack) */
  cr_expect_not(rkc_report_race(&other));
  rkc_race third = race_stack(); /* no frame matches */
  cr_expect(rkc_report_race(&third));
  cr_expect_eq(rkc_report_count(), 1);
  free(take_log(path));
}

Test(report_race, suppression_by_file_and_by_global_name, .timeout = 20) {
  const char *path = log_to_file("");
  char err[256];
  const char *supp = "race:rkt_counter$\nrace:test_report_fixture.c\n";
  cr_assert_eq(rkc__supp_parse(&rkc__supps, supp, strlen(supp), "s", err, sizeof err), 0);
  rkc_race r = race_global();
  cr_expect_not(rkc_report_race(&r));
  cr_expect_eq(rkc__supps.head->hits, 0); /* rules are tried frame by frame: the file matched first */
  cr_expect_eq(rkc__supps.head->next->hits, 1);
  cr_expect_eq(rkc_report_count(), 0);
  unlink(path);
}

Test(report_race, race_top_applies_to_the_top_frame_only, .timeout = 20) {
  const char *path = log_to_file("");
  char err[256];
  const char *supp = "race_top:^rkt_worker$\n";
  cr_assert_eq(rkc__supp_parse(&rkc__supps, supp, strlen(supp), "s", err, sizeof err), 0);
  rkc_race r = race_global(); /* rkt_worker is the second frame */
  cr_expect(rkc_report_race(&r));
  const char *supp2 = "race_top:^rkt_bump_counter$\n";
  cr_assert_eq(rkc__supp_parse(&rkc__supps, supp2, strlen(supp2), "s", err, sizeof err), 0);
  rkc_race h = race_heap();
  cr_expect_not(rkc_report_race(&h));
  free(take_log(path));
}

Test(report_race, halt_on_error_exits_after_the_first_report, .timeout = 20) {
  const char *path = log_to_file("halt_on_error=1 exitcode=42");
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    rkc_race r = race_global();
    rkc_report_race(&r);
    _exit(0); /* not reached */
  }
  int st;
  cr_assert_eq(waitpid(pid, &st, 0), pid);
  cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 42, "status %d", st);
  char child_log[128];
  snprintf(child_log, sizeof child_log, "%.*s.%d", (int)(strrchr(path, '.') - path), path, (int)pid);
  char *log = take_log(child_log);
  cr_expect_eq(count(log, "WARNING: DATA RACE\n"), 1, "%s", log);
  cr_expect_eq(count(log, "Found"), 0, "%s", log);
  free(log);
}

Test(report_race, warning_line, .timeout = 20) {
  const char *path = log_to_file("");
  rkc_report_warning("unsupported call %s (%d)", "pthread_foo", 3);
  char *log = take_log(path);
  cr_expect_str_eq(log, "racekit: unsupported call pthread_foo (3)\n");
  free(log);
}

Test(report_race, forked_child_counts_and_logs_its_own_races, .timeout = 20) {
  const char *path = log_to_file("");
  rkc_race r = race_global();
  cr_expect(rkc_report_race(&r));
  rkc_report_fork_prepare();
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    rkc_report_fork_child();
    int ok = rkc_report_count() == 0;
    ok &= !rkc_report_race(&r); /* already reported by the parent */
    ok &= rkc_report_finish() == -1;
    rkc_race s = race_stack();
    ok &= rkc_report_race(&s);
    ok &= rkc_report_count() == 1;
    ok &= rkc_report_finish() == 66;
    _exit(ok ? 0 : 1);
  }
  rkc_report_fork_parent();
  int st;
  cr_assert_eq(waitpid(pid, &st, 0), pid);
  cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
  cr_expect_eq(rkc_report_count(), 1);
  cr_expect_eq(rkc_report_finish(), 66);
  char child_log[128];
  snprintf(child_log, sizeof child_log, "%.*s.%d", (int)(strrchr(path, '.') - path), path, (int)pid);
  char *clog = take_log(child_log);
  cr_expect_eq(count(clog, "WARNING: DATA RACE\n"), 1, "%s", clog);
  cr_expect_eq(count(clog, "Location is stack of thread T1."), 1, "%s", clog);
  cr_expect_eq(count(clog, "Found 1 data race(s)\n"), 1, "%s", clog);
  char *plog = take_log(path);
  cr_expect_eq(count(plog, "WARNING: DATA RACE\n"), 1, "%s", plog);
  cr_expect_eq(count(plog, "Found 1 data race(s)\n"), 1, "%s", plog);
  free(clog);
  free(plog);
}

Test(report_race, colors_follow_the_color_option, .timeout = 20) {
  const char *path = log_to_file("color=always");
  rkc_race r = race_global();
  cr_expect(rkc_report_race(&r));
  char *log = take_log(path);
  cr_expect_not_null(strstr(log, "\033[1m\033[31mWARNING: DATA RACE\033[0m\n"), "%s", log);
  free(log);
}

Test(report_race, color_auto_is_off_in_a_file, .timeout = 20) {
  const char *path = log_to_file("color=auto"); /* a file is not a terminal */
  rkc_race s = race_stack();
  cr_expect(rkc_report_race(&s));
  char *log = take_log(path);
  cr_expect_null(strchr(log, '\033'), "%s", log);
  cr_expect_not_null(strstr(log, "WARNING: DATA RACE\n"), "%s", log);
  free(log);
}

/* ------------------------------------------------------------ symbolizer */

Test(symbolize, global_in_the_middle_of_an_array, .timeout = 20) {
  rkc__global g;
  cr_assert(rkc__sym_global((uintptr_t)&rkt_table[2], &g));
  cr_expect_str_eq(g.name, "rkt_table");
  cr_expect_eq(g.size, sizeof rkt_table);
  cr_expect_eq(g.start, (uintptr_t)&rkt_table[0]);
  cr_expect_str_eq(g.module, "checker_report");
  int local = 0;
  cr_expect_not(rkc__sym_global((uintptr_t)&local, &g), "a stack address is no global");
}

Test(symbolize, cached_frames_are_stable, .timeout = 20) {
  capture_all();
  const rkc__frame *a, *b;
  int n1 = rkc__sym_pc(outer_pcs[0], &a);
  int n2 = rkc__sym_pc(outer_pcs[0], &b);
  cr_expect_eq(n1, 2); /* rkt_inlined_store inlined into rkt_outer */
  cr_expect_eq(n1, n2);
  cr_expect_eq(a, b);
  cr_expect(a[0].inlined);
  cr_expect_not(a[1].inlined);
  cr_expect_str_eq(a[0].function, "rkt_inlined_store");
  cr_expect_str_eq(a[1].function, "rkt_outer");
  cr_expect_eq(a[0].pc, outer_pcs[0]);
}

Test(symbolize, pc_outside_every_module, .timeout = 20) {
  const rkc__frame *f;
  cr_expect_eq(rkc__sym_pc(0x10, &f), 1);
  cr_expect_null(f->module);
  cr_expect_null(f->function);
  cr_expect_null(f->file);
}

Test(report_format, strip_path_prefix_rule, .timeout = 5) {
  set_opts("strip_path_prefix=/build/");
  cr_expect_str_eq(rkc__display_path("/build/src/a.c"), "src/a.c");
  cr_expect_str_eq(rkc__display_path("/home/x/build/src/a.c"), "src/a.c"); /* first occurrence, as TSan */
  cr_expect_str_eq(rkc__display_path("/build/./src/a.c"), "src/a.c");
  cr_expect_str_eq(rkc__display_path("/other/a.c"), "/other/a.c");
  cr_expect_null(rkc__display_path(NULL));
  set_opts("");
  rkc__opts.strip_path_prefix = NULL;
  cr_expect_str_eq(rkc__display_path("/build/src/a.c"), "/build/src/a.c");
}

Test(report_format, final_lines, .timeout = 5) {
  rkc__tbuf b = RKC__TBUF_INIT;
  rkc__report_format_final(0, RKC__FORMAT_GO, &b);
  cr_expect_str_eq(rkc__tbuf_str(&b), "");
  rkc__report_format_final(2, RKC__FORMAT_GO, &b);
  rkc__report_format_final(2, RKC__FORMAT_TSAN, &b);
  rkc__report_format_final(2, RKC__FORMAT_JSON, &b);
  cr_expect_str_eq(rkc__tbuf_str(&b), "Found 2 data race(s)\n"
                                      "ThreadSanitizer: reported 2 warnings\n"
                                      "{\"schema\":1,\"type\":\"summary\",\"races\":2}\n");
  rkc__tbuf_free(&b);
}

/* Reports one race with stderr on a pseudo-terminal; returns what the
   terminal received. */
static char *report_on_a_terminal(const char *opts, bool no_color_env) {
  int master, slave;
  cr_assert_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
  set_opts(opts);
  rkc__opts.no_color_env = no_color_env;
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    close(master);
    dup2(slave, 2);
    rkc_race r = race_global();
    _exit(rkc_report_race(&r) ? 0 : 1);
  }
  close(slave);
  static char buf[8192];
  size_t len = 0;
  ssize_t n;
  while (len + 1 < sizeof buf && (n = read(master, buf + len, sizeof buf - 1 - len)) > 0)
    len += (size_t)n; /* ends with EIO once the child closed the terminal */
  buf[len] = 0;
  close(master);
  int st;
  cr_assert_eq(waitpid(pid, &st, 0), pid);
  cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  return buf;
}

Test(report_race, color_auto_on_a_terminal_honours_no_color, .timeout = 20) {
  char *out = report_on_a_terminal("color=auto", false);
  cr_expect_not_null(strstr(out, "\033[1m\033[31mWARNING: DATA RACE\033[0m"), "%s", out);
  out = report_on_a_terminal("color=auto", true);
  cr_expect_null(strchr(out, '\033'), "%s", out);
  cr_expect_not_null(strstr(out, "WARNING: DATA RACE"), "%s", out);
  out = report_on_a_terminal("color=always", true); /* an explicit choice wins over NO_COLOR */
  cr_expect_not_null(strstr(out, "\033[1m\033[31mWARNING: DATA RACE\033[0m"), "%s", out);
  out = report_on_a_terminal("color=never", false);
  cr_expect_null(strchr(out, '\033'), "%s", out);
}
