/* SPDX-License-Identifier: MIT */
/* The `sync` list of format=json (docs/REPORTS.md): test_sync_notes_prog.c,
 * built with -fsanitize=thread and racekit's runtime, reports two races.
 * For each, the list must name the racekit events the detecting thread's
 * clock knows (the channel hand-over with its file and line, its own
 * mutex), oldest first, and must leave out the other side's later mutex,
 * which it never learned.
 */
#include "e2e_util.h"

/* Runs the program with RACEKIT_OPTIONS=format=json; returns its stderr. */
static char *run_json(int *status) {
  rkt_run r = rkt_run_prog(RKT_SYNC_PROG, NULL, "format=json");
  *status = r.status;
  free(r.out);
  return r.err;
}

/* Line number of the E2E:name marker in the program's source. */
static int line_of(const char *name) { return rkt_marker_line(RKT_SYNC_SRC, name); }

typedef struct note {
  char kind[64];
  long goid;
  int line;
  int file_ok; /* the file names the program's source */
} note;

/* The report (one JSON line) whose summary is at the program's line, and
   its sync list into notes. Returns the number of notes. */
static int sync_of(const char *out, int summary_line, note *notes, int max) {
  char want[64];
  snprintf(want, sizeof want, "test_sync_notes_prog.c\",\"line\":%d,", summary_line);
  const char *line = out;
  for (;;) {
    const char *end = strchr(line, '\n');
    cr_assert_not_null(end, "no report with summary line %d in:\n%s", summary_line, out);
    const char *sum = strstr(line, "\"summary\":{");
    if (sum && sum < end && strstr(sum, want) && strstr(sum, want) < end)
      break;
    line = end + 1;
  }
  const char *p = strstr(line, ",\"sync\":[");
  cr_assert_not_null(p);
  const char *stop = strstr(p, "],\"summary\":");
  cr_assert_not_null(stop);
  p += strlen(",\"sync\":[");
  int n = 0;
  while (p < stop && *p == '{') {
    cr_assert_lt(n, max);
    note *e = &notes[n++];
    const char *close = strchr(p, '}');
    cr_assert(close && close <= stop);
    const char *k = strstr(p, "\"kind\":\"");
    cr_assert(k && k < close);
    k += 8;
    const char *q = strchr(k, '"');
    snprintf(e->kind, sizeof e->kind, "%.*s", (int)(q - k), k);
    const char *g = strstr(p, "\"goid\":");
    cr_assert(g && g < close);
    e->goid = strtol(g + 7, NULL, 10);
    const char *f = strstr(p, "test_sync_notes_prog.c\",\"line\":");
    e->file_ok = f && f < close;
    const char *l = strstr(p, "\"line\":");
    cr_assert(l && l < close);
    e->line = (int)strtol(l + 7, NULL, 10);
    p = close + 1;
    if (*p == ',')
      p++;
  }
  return n;
}

/* Index of the note (kind, line) in notes, -1 if absent. */
static int find(const note *notes, int n, const char *kind, int line) {
  for (int i = 0; i < n; i++)
    if (strcmp(notes[i].kind, kind) == 0 && notes[i].line == line)
      return i;
  return -1;
}

static void dump(const note *notes, int n) {
  for (int i = 0; i < n; i++)
    cr_log_info("sync[%d] %s goid %ld line %d%s", i, notes[i].kind, notes[i].goid, notes[i].line,
                notes[i].file_ok ? "" : " (other file)");
}

Test(sync_notes_e2e, goroutine_knows_the_send_and_its_receive_not_mains_later_mutex, .timeout = 60) {
  int st;
  char *out = run_json(&st);
  cr_expect_eq(st, 66, "%s", out);
  note notes[16];
  int n = sync_of(out, line_of("x_worker"), notes, 16);
  dump(notes, n);
  for (int i = 0; i < n; i++)
    cr_expect(notes[i].file_ok, "sync[%d] %s names another file:\n%s", i, notes[i].kind, out);
  int send = find(notes, n, "chan send", line_of("send"));
  int recv = find(notes, n, "chan receive", line_of("recv"));
  int go = find(notes, n, "go", line_of("go"));
  int unlock = find(notes, n, "Mutex.Unlock", line_of("worker_unlock"));
  cr_expect_geq(send, 0, "%s", out);
  cr_expect_geq(recv, 0, "%s", out);
  cr_expect_geq(go, 0, "%s", out);
  cr_expect_geq(unlock, 0, "%s", out);
  cr_expect_lt(go, send, "oldest first");
  cr_expect_lt(send, recv, "oldest first");
  cr_expect_lt(recv, unlock, "oldest first");
  if (send >= 0 && recv >= 0) {
    cr_expect_eq(notes[send].goid, 1);
    cr_expect_gt(notes[recv].goid, 1);
  }
  cr_expect_eq(find(notes, n, "Mutex.Lock", line_of("main_lock")), -1, "main's later lock leaked:\n%s", out);
  cr_expect_eq(find(notes, n, "Mutex.Unlock", line_of("main_unlock")), -1, "main's later unlock leaked");
  free(out);
}

Test(sync_notes_e2e, main_knows_its_send_and_mutex_not_the_goroutines_later_mutex, .timeout = 60) {
  int st;
  char *out = run_json(&st);
  cr_expect_eq(st, 66, "%s", out);
  note notes[16];
  int n = sync_of(out, line_of("y_main"), notes, 16);
  dump(notes, n);
  int send = find(notes, n, "chan send", line_of("send"));
  int unlock = find(notes, n, "Mutex.Unlock", line_of("main_unlock"));
  cr_expect_geq(send, 0, "%s", out);
  cr_expect_geq(unlock, 0, "%s", out);
  cr_expect_lt(send, unlock, "oldest first");
  /* Whether main knows the goroutine's receive depends on the schedule
     (it does when the receive completed before main's send returned, Go's
     rule for unbuffered channels); the mutex it locked after returning from
     the receive, main never learns. */
  cr_expect_eq(find(notes, n, "Mutex.Unlock", line_of("worker_unlock")), -1, "the goroutine's unlock leaked");
  free(out);
}
