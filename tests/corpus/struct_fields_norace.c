/* SPDX-License-Identifier: MIT */
// expect: norace
/* Different fields of one struct are different memory locations. */
#include "corpus.h"

struct record {
  int count;
  short code;
  char tag;
  char flag;
  double weight;
};
struct record rec;
static corpus_barrier bar;

static void *w_count(void *arg) { invisible_barrier_wait(&bar); for (int i = 0; i < 100; i++) rec.count++; return arg; }
static void *w_code(void *arg) { invisible_barrier_wait(&bar); for (int i = 0; i < 100; i++) rec.code++; return arg; }
static void *w_tag(void *arg) { invisible_barrier_wait(&bar); for (int i = 0; i < 100; i++) rec.tag = (char)i; return arg; }
static void *w_weight(void *arg) { invisible_barrier_wait(&bar); for (int i = 0; i < 100; i++) rec.weight += 0.5; return arg; }

int main(void) {
  invisible_barrier_init(&bar, 5);
  pthread_t t[4] = {spawn(w_count, NULL), spawn(w_code, NULL), spawn(w_tag, NULL), spawn(w_weight, NULL)};
  invisible_barrier_wait(&bar);
  for (int i = 0; i < 100; i++) rec.flag = (char)i;
  for (int i = 0; i < 4; i++) join(t[i]);
  return rec.count == 100 && rec.code == 100 && rec.weight == 50.0 ? 0 : 1;
}
