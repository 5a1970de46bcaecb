/* SPDX-License-Identifier: MIT */
/* Two goroutines hit a ball back and forth over unbuffered channels; main
 * waits in a select for the end of the game or a one-second timeout. */
#include <racekit/racekit.h>
#include <stdio.h>

struct player { const char *name; rk_chan *in, *out, *done; };

static void play(void *arg) {
  struct player *p = arg;
  int ball;
  RK_CHAN_FOR(p->in, ball) {
    printf("%s %d\n", p->name, ball);
    if (ball == 6) { rk_chan_close(p->done); return; } /* game over */
    ball++;
    rk_chan_send(p->out, &ball);
  }
}

int main(void) {
  rk_chan *ping = rk_chan_make(sizeof(int), 0), *pong = rk_chan_make(sizeof(int), 0);
  rk_chan *done = rk_chan_make(0, 0), *timeout = rk_after(RK_SECOND);
  struct player a = {"ping", ping, pong, done}, b = {"pong", pong, ping, done};
  rk_go(play, &a);
  rk_go(play, &b);
  int ball = 0;
  rk_chan_send(ping, &ball); /* serve */
  int64_t now;
  rk_select_case cases[] = {RK_RECV(done, NULL, NULL), RK_RECV(timeout, &now, NULL)};
  int i = rk_select(cases, 2, RK_SELECT_BLOCK);
  printf("%s\n", i == 0 ? "game over" : "timeout");
  return 0;
}
