/* SPDX-License-Identifier: MIT */
/* Shared by the standalone scenario programs (tests/library/tsan/): they
   run in every build, and in the ThreadSanitizer build under
   halt_on_error=1, where any report fails them. Exit 0 means success. */
#ifndef RACEKIT_TESTS_SCENARIO_H
#define RACEKIT_TESTS_SCENARIO_H

#include <racekit/racekit.h>

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

#endif
