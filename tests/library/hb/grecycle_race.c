/* SPDX-License-Identifier: MIT */
/* A goroutine's end orders nothing, even when the library recycles its
 * bookkeeping. G writes x, parks in an unbuffered receive (its per-goroutine
 * hand-off address gets G's history), is woken by P and ends. Later
 * goroutines H, which may be given G's recycled record, park in unbuffered
 * sends that main receives: main synchronizes with each H, never with G.
 * Main reads x: a race. If a recycled record kept its hand-off address, the
 * checker's sync state there would still hold G's write, main would acquire
 * it, and the race would pass unreported. */
#include "hb.h"
#include <time.h>

HB_ISOLATED int x;
static rk_chan *c1, *c2;
static HB_ISOLATED atomic_int g_waiting, g_done, h_sending;
enum { H = 4 };

/* Lets a peer reach its park; orders nothing (the checker sees no edge). */
static void nap(void) { nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL); }

static void g(void *arg) {
  (void)arg;
  x = 1; /* the write */
  hb_signal(&g_waiting);
  rk_chan_recv(c1, NULL, NULL);
  hb_signal(&g_done);
}

static void p(void *arg) {
  (void)arg;
  hb_wait(&g_waiting);
  nap(); /* G parks first, so the hand-off goes through G's address */
  int v = 1;
  rk_chan_send(c1, &v);
}

static void h(void *arg) {
  (void)arg;
  atomic_fetch_add_explicit(&h_sending, 1, memory_order_relaxed);
  int v = 2;
  rk_chan_send(c2, &v);
}

int main(void) {
  c1 = rk_chan_make(sizeof(int), 0);
  c2 = rk_chan_make(sizeof(int), 0);
  rk_go(g, NULL);
  rk_go(p, NULL);
  hb_wait(&g_done);
  nap(); /* G's record goes back to the free list */
  for (int i = 0; i < H; i++)
    rk_go(h, NULL);
  while (atomic_load_explicit(&h_sending, memory_order_relaxed) < H)
    sched_yield();
  nap(); /* the senders park */
  for (int i = 0; i < H; i++)
    rk_chan_recv(c2, NULL, NULL);
  hb_use(x); /* races with G's write */
  return hb_no_race_seen();
}
