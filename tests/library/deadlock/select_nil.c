/* SPDX-License-Identifier: MIT */
/* Deadlock: a blocking select whose cases are all NULL channels.
   Expected: exit 2, main blocked in a select. */
#include <racekit/racekit.h>

int main(void) {
  int v = 0;
  rk_select_case cases[] = {RK_RECV(NULL, &v, NULL), RK_SEND(NULL, &v)};
  rk_select(cases, 2, RK_SELECT_BLOCK); /* BLOCK main */
  return 0;
}
