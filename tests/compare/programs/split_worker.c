/* SPDX-License-Identifier: MIT */
/* compare test: the other file of split_main.c. */
#include <stddef.h>

long progress;

void *split_worker(void *arg)
{
  (void)arg;
  progress = 1; /* the write */
  return NULL;
}
