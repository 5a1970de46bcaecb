/* SPDX-License-Identifier: MIT */
/* compare test: a race-free program that crashes with SIGSEGV, as a program
 * with a wild pointer does. Under ThreadSanitizer the sanitizer catches the
 * signal and reports "SEGV on unknown address"; otherwise the signal ends
 * the process. */
#include <signal.h>
#include <stdio.h>

int main(void)
{
  fprintf(stderr, "crash: about to crash\n");
  raise(SIGSEGV);
  return 0;
}
