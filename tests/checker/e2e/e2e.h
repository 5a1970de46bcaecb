/* SPDX-License-Identifier: MIT */
/* Helpers of the checker's end-to-end programs. Each program states its
 * verdict in a comment "expect: race N" or "expect: clean"; the lines of a
 * race's two accesses carry the marker RACE, and run_e2e.sh checks that
 * the report names each of them (file:line:).
 */
#ifndef RKC_E2E_H
#define RKC_E2E_H

/* A barrier the checker does not see (ThreadSanitizer's test.h has the
   same): it orders the test's steps in time without adding a
   happens-before edge that would hide the race under test. */
typedef unsigned long long invisible_barrier_t;
void __tsan_testonly_barrier_init(invisible_barrier_t *b, unsigned count);
void __tsan_testonly_barrier_wait(invisible_barrier_t *b);

#define NOINLINE __attribute__((noinline))

#endif
