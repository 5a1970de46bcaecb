/* SPDX-License-Identifier: MIT */
// expect: race 13 24
/* One side takes the spinlock, the other forgets it. */
#include "corpus.h"

static pthread_spinlock_t spin;
int x;
static corpus_barrier bar;

static void *locked_writer(void *arg) {
  (void)arg;
  pthread_spin_lock(&spin);
  x = 1; /* R1 */
  pthread_spin_unlock(&spin);
  invisible_barrier_wait(&bar);
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  invisible_barrier_init(&bar, 2);
  pthread_t t = spawn(locked_writer, NULL);
  invisible_barrier_wait(&bar);
  x = 2; /* R2 */
  join(t);
  pthread_spin_destroy(&spin);
  return 0;
}
