/* SPDX-License-Identifier: MIT */
/* 4 producers x 4 consumers over a buffered and an unbuffered channel;
   every message delivered exactly once, in order per producer per
   consumer. Consumers write the results into plain (non-atomic) arrays
   that main reads after rk_wg_wait: under ThreadSanitizer this also checks
   the channel and WaitGroup edges end to end. 2 x 200,000 messages (fewer
   than the Criterion stress test: ThreadSanitizer is slow). */
#include "scenario.h"

#include <string.h>

enum { P = 4, C = 4, PER_PRODUCER = 50000, TOTAL = P * PER_PRODUCER };

typedef struct msg {
  int producer, seq;
  long payload[2]; /* written by the producer, checked by the consumer */
} msg;

static rk_chan *ch;
static rk_waitgroup producers, consumers;
static unsigned char seen[TOTAL]; /* each index written by one consumer only */
static long received[C];
static int bad[C];

static void produce(void *arg) {
  int id = (int)(long)arg;
  for (int i = 0; i < PER_PRODUCER; i++) {
    msg m = {id, i, {(long)id * 1000003 + i, -(long)i}};
    rk_chan_send(ch, &m);
  }
  rk_wg_done(&producers);
}

static void consume(void *arg) {
  int id = (int)(long)arg;
  int last[P];
  for (int p = 0; p < P; p++)
    last[p] = -1;
  msg m;
  RK_CHAN_FOR(ch, m) {
    if (m.producer < 0 || m.producer >= P || m.seq <= last[m.producer] ||
        m.payload[0] != (long)m.producer * 1000003 + m.seq || m.payload[1] != -(long)m.seq) {
      bad[id]++;
      continue;
    }
    last[m.producer] = m.seq;
    seen[m.producer * PER_PRODUCER + m.seq]++;
    received[id]++;
  }
  rk_wg_done(&consumers);
}

static void run(size_t cap) {
  memset(seen, 0, sizeof seen);
  memset(received, 0, sizeof received);
  memset(bad, 0, sizeof bad);
  ch = rk_chan_make(sizeof(msg), cap);
  CHECK(ch != NULL);
  rk_wg_add(&consumers, C);
  for (long i = 0; i < C; i++)
    rk_go(consume, (void *)i);
  rk_wg_add(&producers, P);
  for (long i = 0; i < P; i++)
    rk_go(produce, (void *)i);
  rk_wg_wait(&producers);
  rk_chan_close(ch);
  rk_wg_wait(&consumers);
  long total = 0;
  for (int i = 0; i < C; i++) {
    CHECK(bad[i] == 0);
    total += received[i];
  }
  CHECK(total == TOTAL);
  for (int i = 0; i < TOTAL; i++)
    CHECK(seen[i] == 1);
  rk_chan_release(ch);
}

int main(void) {
  run(64);
  run(0);
  printf("stress: ok\n");
  return 0;
}
