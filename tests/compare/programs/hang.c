/* SPDX-License-Identifier: MIT */
/* compare test: a program that never ends (it waits for a signal that never
 * comes), to be killed at --timeout. */
#include <unistd.h>

int main(void)
{
  for (;;)
    pause();
}
