/* SPDX-License-Identifier: MIT */
/* Functions of the report tests' own binary whose return addresses are
 * the PCs of hand-built races (test_report.c), so that symbolisation is
 * real. The golden files name their lines in test_report_fixture.c.
 */
#ifndef RACEKIT_TESTS_CHECKER_TEST_REPORT_FIXTURE_H
#define RACEKIT_TESTS_CHECKER_TEST_REPORT_FIXTURE_H

#include <stdint.h>

extern int rkt_counter;
extern long rkt_table[4];

/* Each stores the PCs of its frames, innermost first, into pcs. */
void rkt_worker(uintptr_t *pcs);       /* [rkt_bump_counter, rkt_worker] */
void rkt_read_counter(uintptr_t *pcs);
void rkt_spawn(uintptr_t *pcs);        /* a thread creation site */
void rkt_alloc(uintptr_t *pcs);        /* an allocation site */
void rkt_release(uintptr_t *pcs);      /* a free site */
void rkt_outer(uintptr_t *pcs);        /* one PC: rkt_inlined_store inlined into rkt_outer */

#endif
