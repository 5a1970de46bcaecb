/* SPDX-License-Identifier: MIT */
/* racekit compare: racekit's checker and ThreadSanitizer side by side. */
#include "cli.h"

#include <stdio.h>

int rk_cmd_compare(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "racekit: compare: not implemented yet\n");
	return 2;
}
