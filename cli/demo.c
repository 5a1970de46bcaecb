/* SPDX-License-Identifier: MIT */
/* racekit demo: temporary entry point until the demo commands land. */
#include "cli.h"
#include "util.h"

#include <stdio.h>

int rk_cmd_demo(int argc, char **argv) {
  if (argc >= 2 && rk__is_help(argv[1])) {
    rk__help_print("demo");
    return 0;
  }
  fprintf(stderr, "racekit: demo: not implemented yet\n");
  return 2;
}

int rk_demo_source(const char *name, bool fixed, char *buf, size_t n) {
  snprintf(buf, n, "%s/%s/%s", rk__demosdir(), name, fixed ? "fixed.c" : "racy.c");
  if (!rk__file_exists(buf)) {
    fprintf(stderr, "racekit: unknown demo topic '%s'\n", name);
    return -1;
  }
  return 0;
}
