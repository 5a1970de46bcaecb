/* SPDX-License-Identifier: MIT */
/* Test demo: prints a wrong total on every run, so that the tests of
 * `racekit demo run` see a wrong result without depending on timing. */
#include <stdio.h>

static int total;

int main(void) {
  total += 2;
  printf("total = %d\n", total);
  return 0;
}
