/* SPDX-License-Identifier: MIT */
/* select-server (racy): a server goroutine loops on a select over a message
 * channel and a quit channel; on quit it saves its state and exits. main
 * sends three messages, sends quit, and reads the saved state right away:
 * the save comes after the server received quit, so nothing orders it
 * before main's read. */
#include <racekit/racekit.h>
#include <stdio.h>

struct server {
  rk_chan *messages; /* int messages */
  rk_chan *quit;     /* signal only, unbuffered */
  rk_chan *done;     /* closed by the server when it has exited */
  long handled;      /* owned by the server goroutine */
  long saved;        /* written by the server when it quits, read by main */
};

static void serve(void *arg) {
  struct server *s = arg;
  for (;;) {
    int msg;
    rk_select_case cases[] = {RK_RECV(s->messages, &msg, NULL), RK_RECV(s->quit, NULL, NULL)};
    if (rk_select(cases, 2, RK_SELECT_BLOCK) == 0) {
      s->handled++; /* handle msg */
    } else {
      s->saved = s->handled; /* quitting: save the state */
      rk_chan_close(s->done);
      return;
    }
  }
}

static struct server server; /* main's server */

int main(void) {
  server = (struct server){rk_chan_make(sizeof(int), 0), rk_chan_make(0, 0), rk_chan_make(0, 0), 0, 0};
  rk_go(serve, &server);
  for (int i = 1; i <= 3; i++) rk_chan_send(server.messages, &i);
  rk_chan_send(server.quit, NULL);
  printf("server saved %ld messages (expected 3)\n", server.saved);
  rk_chan_recv(server.done, NULL, NULL); /* before freeing the channels */
  rk_chan_release(server.messages);
  rk_chan_release(server.quit);
  rk_chan_release(server.done);
  return 0;
}
