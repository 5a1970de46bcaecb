/* SPDX-License-Identifier: MIT */
/* The heap block map: for every live malloc'd block its size and the
 * allocating thread and stack, for the "Location is heap block" part of a
 * report; plus a ring of recently freed blocks with their free stacks.
 */
#ifndef RACEKIT_INSTRUMENTATION_HEAP_H
#define RACEKIT_INSTRUMENTATION_HEAP_H

#include "rt.h"

typedef struct rkc__block {
  uintptr_t start;
  size_t size;
  int alloc_tid;
  uint32_t alloc_stk;
  bool freed;
  int free_tid;
  uint32_t free_stk;
} rkc__block;

RKC_HIDDEN void rkc__heap_add(uintptr_t start, size_t size, int tid, uint32_t stk);
/* Removes start; returns its size (0 if unknown) and remembers the free. */
RKC_HIDDEN size_t rkc__heap_remove(uintptr_t start, int tid, uint32_t stk);
/* The live block containing a, else a recently freed one; false if none. */
RKC_HIDDEN bool rkc__heap_find(uintptr_t a, rkc__block *out);
/* The calling OS thread frees no more blocks: return its cached nodes. */
RKC_HIDDEN void rkc__heap_thread_exit(void);
RKC_HIDDEN void rkc__heap_fork_lock(void);
RKC_HIDDEN void rkc__heap_fork_unlock(void);

#endif /* RACEKIT_INSTRUMENTATION_HEAP_H */
