/* SPDX-License-Identifier: MIT */
/* Test demo: never finishes (waits for a signal that never comes), so the
 * tests see how `racekit demo run` stops a program that hangs. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
  printf("done\n");
  return 0;
}
