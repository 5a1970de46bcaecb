/* SPDX-License-Identifier: MIT */
/* The racekit command: dispatches to the subcommands of cli.h. */
#include "cli.h"
#include "util.h"

#include <racekit/racekit.h>

#include <stdio.h>
#include <string.h>

typedef struct command {
  const char *name;
  int (*fn)(int argc, char **argv);
} command;

static const command commands[] = {
    {"cc", rk_cmd_cc},
    {"run", rk_cmd_run},
    {"demo", rk_cmd_demo},
    {"compare", rk_cmd_compare},
};

static const command *find(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static int unknown(const char *name) {
  fprintf(stderr, "racekit: unknown command '%s' (run 'racekit --help')\n", name);
  return 2;
}

/* racekit help [CMD [SUB]]: the same as racekit CMD [SUB] --help. */
static int help(int argc, char **argv) {
  if (argc < 2) {
    rk__help_print("racekit");
    return 0;
  }
  if (strcmp(argv[1], "help") == 0) {
    rk__help_print("racekit");
    return 0;
  }
  const command *c = find(argv[1]);
  if (!c)
    return unknown(argv[1]);
  char *sub[4] = {argv[1], NULL, NULL, NULL};
  char help_flag[] = "--help";
  int n = 1;
  if (argc >= 3)
    sub[n++] = argv[2];
  sub[n++] = help_flag;
  return c->fn(n, sub);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    rk__help_print("racekit");
    return 2;
  }
  const char *name = argv[1];
  if (rk__is_help(name)) {
    rk__help_print("racekit");
    return 0;
  }
  if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
    printf("racekit %s\n", RACEKIT_VERSION_STRING);
    return 0;
  }
  if (strcmp(name, "help") == 0)
    return help(argc - 1, argv + 1);
  const command *c = find(name);
  if (!c) {
    if (name[0] == '-') {
      fprintf(stderr, "racekit: unknown option '%s' (run 'racekit --help')\n", name);
      return 2;
    }
    return unknown(name);
  }
  int st = c->fn(argc - 1, argv + 1);
  fflush(stdout);
  return st;
}
