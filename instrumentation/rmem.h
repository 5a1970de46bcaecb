/* SPDX-License-Identifier: MIT */
/* Memory and locking for the checker's reporting side (report.c,
 * symbolize.c, options.c, suppress.c, format_*.c). It never goes through
 * malloc (the core intercepts malloc) nor through pthread locks (the core
 * intercepts them and would add happens-before edges between the threads
 * that report): memory comes from mmap, the lock is a private futex.
 */
#ifndef RACEKIT_INSTRUMENTATION_RMEM_H
#define RACEKIT_INSTRUMENTATION_RMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

/* Permanent zeroed allocation (never freed): interned strings, cache
   entries, suppression rules. Thread-safe. Returns NULL when mmap fails. */
RKC_HIDDEN void *rkc__rmem_alloc(size_t size);
/* A copy of s (n bytes + NUL) in permanent memory; NULL for a NULL s. */
RKC_HIDDEN char *rkc__rmem_strndup(const char *s, size_t n);
RKC_HIDDEN char *rkc__rmem_strdup(const char *s);

/* The arena's lock around fork (see rkc_report_fork_prepare). */
RKC_HIDDEN void rkc__rmem_fork_lock(void);
RKC_HIDDEN void rkc__rmem_fork_unlock(void);
RKC_HIDDEN void rkc__rmem_fork_reset(void);

/* Large zeroed buffers that can be given back (hash tables). */
RKC_HIDDEN void *rkc__rmem_map(size_t size);
RKC_HIDDEN void rkc__rmem_unmap(void *p, size_t size);

/* A mutex invisible to the checker: 0 unlocked, 1 locked, 2 locked with
   waiters (Drepper, "Futexes are tricky"). Zero-initialised is unlocked. */
typedef struct rkc__rlock {
  int state; /* atomic: acquire on lock, release on unlock */
} rkc__rlock;

RKC_HIDDEN void rkc__rlock_lock(rkc__rlock *l);
RKC_HIDDEN void rkc__rlock_unlock(rkc__rlock *l);

#endif /* RACEKIT_INSTRUMENTATION_RMEM_H */
