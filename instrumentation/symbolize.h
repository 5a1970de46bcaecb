/* SPDX-License-Identifier: MIT */
/* Symbolisation of the checker's own process with elfutils libdw (Dwfl):
 * PC -> function, file:line:column (inline frames expanded), and data
 * address -> global variable name and size. Results are cached for the
 * life of the process.
 */
#ifndef RACEKIT_INSTRUMENTATION_SYMBOLIZE_H
#define RACEKIT_INSTRUMENTATION_SYMBOLIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

/* One source-level frame. A PC yields several when code was inlined: the
   inlined callee first, its caller (at the call site) next. Strings live
   for the rest of the process. */
typedef struct rkc__frame {
  uintptr_t pc;          /* the return address as recorded */
  const char *function;  /* NULL if unknown */
  const char *file;      /* NULL if unknown */
  int line;              /* 0 if unknown */
  int column;            /* 0 if unknown */
  const char *module;    /* base name of the ELF object, NULL if unknown */
  const char *build_id;  /* hex, NULL if none */
  uintptr_t module_off;  /* pc - 1 relative to the module's load bias */
  uintptr_t func_off;    /* pc - start of the enclosing symbol; 0 if unknown */
  bool has_func_off;
  bool inlined;          /* this frame was inlined into the next one */
} rkc__frame;

typedef struct rkc__global {
  const char *name;
  uintptr_t start;
  size_t size;
  const char *module;    /* base name */
  uintptr_t module_off;  /* start relative to the module's load bias */
} rkc__global;

/* Frames for pc (a return address; pc - 1 is looked up), innermost first.
   Returns their number (>= 1) and stores a pointer to the cached array in
   *frames. Thread-safe (takes the symbolizer's lock). */
RKC_HIDDEN int rkc__sym_pc(uintptr_t pc, const rkc__frame **frames);

/* The global or static variable (an STT_OBJECT symbol) holding addr. Its
   size is the declared one, from the DW_TAG_variable's type when the debug
   info has it (the symbol can be smaller: clang's GlobalOpt shrinks a
   variable to a one-byte bool), else the symbol's. Thread-safe. */
RKC_HIDDEN bool rkc__sym_global(uintptr_t addr, rkc__global *out);

/* The symbolizer's lock around fork (see rkc_report_fork_prepare). */
RKC_HIDDEN void rkc__sym_fork_lock(void);
RKC_HIDDEN void rkc__sym_fork_unlock(void);
RKC_HIDDEN void rkc__sym_fork_reset(void);

#endif /* RACEKIT_INSTRUMENTATION_SYMBOLIZE_H */
