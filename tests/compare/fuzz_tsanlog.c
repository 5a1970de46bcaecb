/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the log readers of `racekit compare`: the
 * ThreadSanitizer log parser, the JSON reader and racekit's report reader
 * (json, go and tsan formats), then the comparison printed in every format.
 * Any input must be handled without a crash, leak or undefined behaviour;
 * bad input only yields an error message. Seeded with the captured logs. */
#include "compare.h"
#include "compare_json.h"
#include "tsanlog.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!devnull)
    devnull = fopen("/dev/null", "w");
  const char *text = (const char *)data;
  char err[512];

  rk_tsan_log log;
  int rc = rk_tsan_parse(text, size, "fuzz.log", &log, err, sizeof err);
  if (rc != 0 && strncmp(err, "fuzz.log:", 9) != 0)
    __builtin_trap(); /* an error must name the line */

  rk__json doc;
  if (rk__json_parse_seq(text, size, "fuzz.json", &doc, err, sizeof err) != 0 &&
      strncmp(err, "fuzz.json:", 10) != 0)
    __builtin_trap();
  rk__json_free(&doc);

  rk__cmp c = {.subject = NULL};
  rk__cmp_tool *t = rk__cmp_tool_add(&c, "tsan", false);
  rk__cmp_add_tsan_log(t, &log);
  rk_tsan_log_free(&log);
  t = rk__cmp_tool_add(&c, "racekit", true);
  rk__cmp_parse_racekit(t, text, size, "fuzz.rk", err, sizeof err);
  static char subject[] = "fuzz";
  c.subject = strdup(subject);
  rk__cmp_print(&c, RK__FMT_TABLE, devnull);
  rk__cmp_print(&c, RK__FMT_JSON, devnull);
  rk__cmp_print(&c, RK__FMT_MARKDOWN, devnull);
  rk__cmp_free(&c);
  return 0;
}
