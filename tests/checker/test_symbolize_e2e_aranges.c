/* SPDX-License-Identifier: MIT */
/* A compilation unit WITH .debug_aranges (built with -gdwarf-aranges, as
 * gcc builds every unit), linked once before and once after
 * test_symbolize_e2e_prog.c, which has none (clang's default): libdwfl
 * then attributes the program's PCs to this unit. SYM_PART names the copy.
 */
#define SYM_CAT2(a, b) a##b
#define SYM_CAT(a, b) SYM_CAT2(a, b)

__attribute__((noinline)) int SYM_CAT(sym_aranges_, SYM_PART)(int x) {
  return 2 * x + 1;
}
