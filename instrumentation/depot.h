/* SPDX-License-Identifier: MIT */
/* The stack depot: a global hash-consed trie of call stacks. A stack id
 * names a path root -> outermost frame -> ... -> innermost pc, so every
 * shadow access record holds a 32-bit id from which report time rebuilds
 * the full stack. Id 0 is the empty stack.
 */
#ifndef RACEKIT_INSTRUMENTATION_DEPOT_H
#define RACEKIT_INSTRUMENTATION_DEPOT_H

#include "rt.h"

/* The id of the stack `parent` extended by one inner frame `pc`.
   Lock-free when the node exists; takes the depot lock to insert. */
RKC_HIDDEN uint32_t rkc__depot_child(uint32_t parent, uintptr_t pc);
/* Write up to max pcs of stack id, innermost first; returns how many. */
RKC_HIDDEN int rkc__depot_get(uint32_t id, uintptr_t *pcs, int max);
RKC_HIDDEN void rkc__depot_fork_lock(void);
RKC_HIDDEN void rkc__depot_fork_unlock(void);

#endif /* RACEKIT_INSTRUMENTATION_DEPOT_H */
