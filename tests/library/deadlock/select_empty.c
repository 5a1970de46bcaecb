/* SPDX-License-Identifier: MIT */
/* Deadlock: a blocking select with no cases (Go's `select {}`).
   Expected: exit 2, "goroutine 1 [select (no cases)]:". */
#include <racekit/racekit.h>

int main(void) {
  rk_select(NULL, 0, RK_SELECT_BLOCK); /* BLOCK main */
  return 0;
}
