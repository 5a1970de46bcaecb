/* SPDX-License-Identifier: MIT */
/* racekit demo: dispatch to the subcommands, the argument parser they
 * share, opening a topic, and `demo list`. */
#include "cli.h"
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct subcommand {
  const char *name;
  int (*fn)(int argc, char **argv);
} subcommand;

static const subcommand subcommands[] = {
    {"list", rk__demo_cmd_list},       {"show", rk__demo_cmd_show},
    {"run", rk__demo_cmd_run},         {"check", rk__demo_cmd_check},
    {"tsan", rk__demo_cmd_tsan},       {"diff", rk__demo_cmd_diff},
    {"tour", rk__demo_cmd_tour},       {"exercise", rk__demo_cmd_exercise},
    {"verify", rk__demo_cmd_verify},   {"go", rk__demo_cmd_go},
};

/* demo compare NAME [...]: rk_cmd_compare with argv[0] "compare" and the
   demo's name, as DESIGN.md's `racekit compare FILE.c|NAME`. */
static int demo_compare(int argc, char **argv) {
  return rk_cmd_compare(argc, argv);
}

int rk_cmd_demo(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "racekit: demo: missing subcommand (run 'racekit demo --help')\n");
    return 2;
  }
  const char *sub = argv[1];
  if (rk__is_help(sub)) {
    rk__help_print("demo");
    return 0;
  }
  if (strcmp(sub, "compare") == 0)
    return demo_compare(argc - 1, argv + 1);
  for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
    if (strcmp(subcommands[i].name, sub) == 0)
      return subcommands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "racekit: demo: unknown subcommand '%s' (run 'racekit demo --help')\n", sub);
  return 2;
}

int rk__demo_parse(const char *sub, const char *usage, int argc, char **argv, unsigned allowed,
                   int minpos, int maxpos, rk__demo_args *a) {
  memset(a, 0, sizeof *a);
  a->color = RK__COLOR_AUTO;
  bool only_pos = false;
  for (int i = 1; i < argc; i++) {
    char *arg = argv[i];
    const char *val = NULL;
    if (only_pos || arg[0] != '-' || arg[1] == '\0') {
      if (a->npos >= maxpos) {
        fprintf(stderr, "racekit: demo %s: unexpected argument '%s' (usage: %s)\n", sub, arg, usage);
        return 2;
      }
      a->pos[a->npos++] = arg;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      only_pos = true;
      continue;
    }
    if (rk__is_help(arg)) {
      char topic[64];
      snprintf(topic, sizeof topic, "demo %s", sub);
      rk__help_print(topic);
      return 1;
    }
    /* --name=value or --name value for the options that take one. */
    char name[64];
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    if (len >= sizeof name)
      len = sizeof name - 1;
    memcpy(name, arg, len);
    name[len] = '\0';
    unsigned opt = 0;
    bool takes_value = false;
    if (strcmp(name, "--fixed") == 0)
      opt = RK__DOPT_FIXED;
    else if (strcmp(name, "--times") == 0 || strcmp(name, "-n") == 0)
      opt = RK__DOPT_TIMES, takes_value = true;
    else if (strcmp(name, "--compiler") == 0)
      opt = RK__DOPT_COMPILER, takes_value = true;
    else if (strcmp(name, "--color") == 0 || strcmp(name, "--colour") == 0)
      opt = RK__DOPT_COLOR, takes_value = true;
    else if (strcmp(name, "--pause") == 0)
      opt = RK__DOPT_PAUSE;
    else if (strcmp(name, "--force") == 0 || strcmp(name, "-f") == 0)
      opt = RK__DOPT_FORCE;
    else if (strcmp(name, "--long") == 0 || strcmp(name, "-l") == 0)
      opt = RK__DOPT_LONG;
    else if (strcmp(name, "--verbose") == 0 || strcmp(name, "-v") == 0)
      opt = RK__DOPT_VERBOSE;
    if (!(opt & allowed)) {
      fprintf(stderr, "racekit: demo %s: unknown option '%s' (usage: %s)\n", sub, arg, usage);
      return 2;
    }
    if (takes_value) {
      if (eq) {
        val = eq + 1;
      } else if (i + 1 < argc) {
        val = argv[++i];
      } else {
        fprintf(stderr, "racekit: demo %s: %s needs a value (usage: %s)\n", sub, name, usage);
        return 2;
      }
    } else if (eq) {
      fprintf(stderr, "racekit: demo %s: %s takes no value\n", sub, name);
      return 2;
    }
    switch (opt) {
    case RK__DOPT_FIXED: a->fixed = true; break;
    case RK__DOPT_PAUSE: a->pause = true; break;
    case RK__DOPT_FORCE: a->force = true; break;
    case RK__DOPT_LONG: a->longfmt = true; break;
    case RK__DOPT_VERBOSE: a->verbose = true; break;
    case RK__DOPT_COMPILER: a->compiler = val; break;
    case RK__DOPT_TIMES: {
      char *end;
      long n = strtol(val, &end, 10);
      if (!*val || *end || n < 1 || n > 1000) {
        fprintf(stderr, "racekit: demo %s: --times needs a number from 1 to 1000, got '%s'\n", sub,
                val);
        return 2;
      }
      a->times = (int)n;
      break;
    }
    case RK__DOPT_COLOR:
      if (rk__color_parse(val, &a->color) != 0) {
        fprintf(stderr, "racekit: demo %s: --color must be auto, always or never, got '%s'\n", sub,
                val);
        return 2;
      }
      break;
    }
  }
  if (a->npos < minpos) {
    fprintf(stderr, "racekit: demo %s: missing %s (usage: %s)\n", sub,
            a->npos == 0 ? "topic name" : "file", usage);
    return 2;
  }
  return 0;
}

int rk__demo_open(rk__demo *d, const char *cmd, const char *name) {
  memset(d, 0, sizeof *d);
  if (rk__manifest_load(&d->m) != 0)
    return 2;
  d->t = rk__manifest_find(&d->m, name);
  if (!d->t) {
    rk__manifest_unknown(&d->m, cmd, name);
    rk__manifest_free(&d->m);
    return 2;
  }
  snprintf(d->dir, sizeof d->dir, "%s/%s", d->m.dir, d->t->name);
  snprintf(d->racy, sizeof d->racy, "%s/racy.c", d->dir);
  snprintf(d->fixed, sizeof d->fixed, "%s/fixed.c", d->dir);
  snprintf(d->expected, sizeof d->expected, "%s/expected.txt", d->dir);
  const char *missing = !rk__file_exists(d->racy) ? d->racy
                        : !rk__file_exists(d->fixed) ? d->fixed
                                                     : NULL;
  if (missing) {
    fprintf(stderr, "racekit: %s: topic '%s' is listed in %s but %s is missing\n", cmd, name,
            d->m.path, missing);
    rk__manifest_free(&d->m);
    return 2;
  }
  return 0;
}

void rk__demo_close(rk__demo *d) {
  rk__manifest_free(&d->m);
}

int rk_demo_source(const char *name, bool fixed, char *buf, size_t n) {
  rk__demo d;
  if (rk__demo_open(&d, "demo", name) != 0)
    return -1;
  snprintf(buf, n, "%s", fixed ? d.fixed : d.racy);
  rk__demo_close(&d);
  return 0;
}

/* Prints text indented by indent columns, wrapped before column 79. */
static void print_wrapped(int indent, const char *text) {
  int col = 0;
  const char *s = text;
  while (*s) {
    while (*s == ' ')
      s++;
    int w = (int)strcspn(s, " ");
    if (!w)
      break;
    if (col == 0) {
      printf("%*s", indent, "");
      col = indent;
    } else if (col + 1 + w > 78) {
      printf("\n%*s", indent, "");
      col = indent;
    } else {
      putchar(' ');
      col++;
    }
    printf("%.*s", w, s);
    col += w;
    s += w;
  }
  putchar('\n');
}

int rk__demo_cmd_list(int argc, char **argv) {
  rk__demo_args a;
  int st = rk__demo_parse("list", "racekit demo list [--long]", argc, argv, RK__DOPT_LONG, 0, 0, &a);
  if (st)
    return st == 1 ? 0 : st;
  rk__manifest m;
  if (rk__manifest_load(&m) != 0)
    return 2;
  int w = (int)strlen("TOPIC");
  for (int i = 0; i < m.n; i++)
    if ((int)strlen(m.v[i].name) > w)
      w = (int)strlen(m.v[i].name);
  printf("%-*s  %s\n", w, "TOPIC", "LESSON");
  for (int i = 0; i < m.n; i++) {
    printf("%-*s  %s\n", w, m.v[i].name, m.v[i].title);
    if (a.longfmt) {
      if (m.v[i].lines[0] == m.v[i].lines[1])
        printf("%-*s  racy.c line %d races with itself\n", w, "", m.v[i].lines[0]);
      else
        printf("%-*s  racy.c lines %d and %d race\n", w, "", m.v[i].lines[0], m.v[i].lines[1]);
      print_wrapped(w + 2, m.v[i].lesson);
    }
  }
  printf("\n%d topics. 'racekit demo tour NAME' walks through one.\n", m.n);
  rk__manifest_free(&m);
  return 0;
}
