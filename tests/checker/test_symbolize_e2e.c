/* SPDX-License-Identifier: MIT */
/* The symbolizer as a user sees it, on programs built by clang with
 * -fsanitize=thread and racekit's runtime (tests/checker/symbolize.cmake):
 * - a unit without .debug_aranges linked between units with them (clang
 *   code with gcc-built code): its frames still name file:line:column;
 * - a global that clang's GlobalOpt shrank to a one-byte symbol: the
 *   location gives the declared int's size, 4.
 * The exact report blocks are compared, addresses normalised to 0x*.
 */
#include "e2e_util.h"

#include <gelf.h>

/* Runs prog with RACEKIT_OPTIONS=opts; its stderr, status in *status. */
static char *run_prog(const char *prog, const char *opts, int *status) {
  rkt_run r = rkt_run_prog(prog, NULL, opts);
  *status = r.status;
  free(r.out);
  return r.err;
}

/* Addresses and offsets (0x...) vary from run to run. */
static char *normalise(const char *in) {
  char *out = malloc(strlen(in) + 1);
  char *o = out;
  for (const char *p = in; *p;) {
    if (p[0] == '0' && p[1] == 'x') {
      p += 2;
      while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))
        p++;
      o += sprintf(o, "0x*");
    } else {
      *o++ = *p++;
    }
  }
  *o = 0;
  return out;
}

/* Line number of the E2E:name marker in src (a file of this directory). */
static int line_of(const char *src, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s%s", RKT_SRC_DIR, src);
  return rkt_marker_line(path, name);
}

/* The ELF symbol size of name in the program's .symtab; -1 if absent. */
static long elf_symbol_size(const char *prog, const char *name) {
  cr_assert_neq(elf_version(EV_CURRENT), EV_NONE);
  int fd = open(prog, O_RDONLY);
  cr_assert_geq(fd, 0);
  Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
  cr_assert_not_null(elf);
  long size = -1;
  for (Elf_Scn *scn = NULL; (scn = elf_nextscn(elf, scn)) != NULL;) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
      continue;
    Elf_Data *data = elf_getdata(scn, NULL);
    for (size_t i = 0; data && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
      GElf_Sym sym;
      const char *n = gelf_getsym(data, (int)i, &sym) ? elf_strptr(elf, sh.sh_link, sym.st_name) : NULL;
      if (n && strcmp(n, name) == 0 && GELF_ST_TYPE(sym.st_info) == STT_OBJECT)
        size = (long)sym.st_size;
    }
  }
  elf_end(elf);
  close(fd);
  return size;
}

#define STRIP "strip_path_prefix=" RKT_SRC_DIR

Test(symbolize_e2e, unit_without_aranges_between_units_with_them, .timeout = 60) {
  int st;
  char *raw = run_prog(RKT_SYM_MIXED, STRIP, &st);
  char *got = normalise(raw);
  const char *f = "test_symbolize_e2e_prog.c";
  char want[2048];
  snprintf(want, sizeof want,
           "==================\n"
           "WARNING: DATA RACE\n"
           "Read at 0x* by main goroutine:\n"
           "  main()\n"
           "      %s:%d:11 +0x*\n"
           "\n"
           "Previous write at 0x* by thread T1:\n"
           "  store()\n"
           "      %s:%d:14 +0x*\n"
           "  writer()\n"
           "      %s:%d:3 +0x*\n"
           "\n"
           "Location is global 'sym_shared' of size 4 at 0x* (mixed_aranges+0x*)\n"
           "\n"
           "Thread T1 (running) created at:\n"
           "  main()\n"
           "      %s:%d:3 +0x*\n"
           "==================\n"
           "Found 1 data race(s)\n",
           f, line_of(f, "main_read"), f, line_of(f, "thread_write"), f, line_of(f, "call_store"), f,
           line_of(f, "create"));
  cr_expect_eq(st, 66, "%s", raw);
  cr_expect_str_eq(got, want);
  free(got);
  free(raw);
}

Test(symbolize_e2e, shrunk_global_has_its_declared_size, .timeout = 60) {
  /* The situation under test: the compiler made the symbol one byte. */
  cr_assert_eq(elf_symbol_size(RKT_SYM_GLOBAL, "answer"), 1);
  int st;
  char *raw = run_prog(RKT_SYM_GLOBAL, STRIP, &st);
  char *got = normalise(raw);
  const char *f = "test_symbolize_e2e_global.c";
  char want[2048];
  snprintf(want, sizeof want,
           "==================\n"
           "WARNING: DATA RACE\n"
           "Read at 0x* by main goroutine:\n"
           "  main()\n"
           "      %s:%d:27 +0x*\n"
           "\n"
           "Previous write at 0x* by thread T1:\n"
           "  worker()\n"
           "      %s:%d:10 +0x*\n"
           "\n"
           "Location is global 'answer' of size 4 at 0x* (shrunk_global+0x*)\n"
           "\n"
           "Thread T1 (running) created at:\n"
           "  main()\n"
           "      %s:%d:3 +0x*\n"
           "==================\n"
           "Found 1 data race(s)\n",
           f, line_of(f, "main_read"), f, line_of(f, "thread_write"), f, line_of(f, "create"));
  cr_expect_eq(st, 66, "%s", raw);
  cr_expect_str_eq(got, want);
  free(got);
  free(raw);
}

Test(symbolize_e2e, shrunk_global_size_in_tsan_and_json_formats, .timeout = 60) {
  int st;
  char *raw = run_prog(RKT_SYM_GLOBAL, STRIP " format=tsan", &st);
  cr_expect_eq(st, 66, "%s", raw);
  cr_expect_not_null(strstr(raw, "\n  Location is global 'answer' of size 4 at 0x"), "%s", raw);
  free(raw);
  raw = run_prog(RKT_SYM_GLOBAL, STRIP " format=json", &st);
  cr_expect_eq(st, 66, "%s", raw);
  cr_expect_not_null(strstr(raw, "\"location\":{\"kind\":\"global\",\"name\":\"answer\",\"size\":4,"), "%s", raw);
  free(raw);
}
