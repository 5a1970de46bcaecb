/* SPDX-License-Identifier: MIT */
/* pthread-condvar (fixed, plain POSIX threads): a consumer waits on a
 * condition variable until a value is set, checking it under the mutex.
 * main sets the value and signals while holding the same mutex: its unlock
 * happens before the consumer's next lock (inside pthread_cond_timedwait)
 * returns, and no signal can fall between the check and the wait. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct box {
  pthread_mutex_t mu;
  pthread_cond_t cv; /* signalled when value is set */
  int value;         /* 0 until set; guarded by mu */
};

static struct box box = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};

static void *consumer(void *arg) {
  struct box *b = arg;
  int v;
  pthread_mutex_lock(&b->mu);
  while ((v = b->value) == 0) {
    struct timespec deadline; /* wake at least every 10 ms */
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 10 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000 * 1000 * 1000) deadline.tv_sec++, deadline.tv_nsec -= 1000 * 1000 * 1000;
    pthread_cond_timedwait(&b->cv, &b->mu, &deadline); /* HB: re-locking pairs with main's unlock */
  }
  pthread_mutex_unlock(&b->mu);
  printf("consumer got %d (expected 42)\n", v);
  return NULL;
}

int main(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, consumer, &box) != 0) return 1;
  pthread_mutex_lock(&box.mu);
  box.value = 42;
  pthread_cond_signal(&box.cv);
  pthread_mutex_unlock(&box.mu); /* HB: pairs with the consumer's next lock */
  pthread_join(t, NULL); /* HB: the thread's end pairs with this return */
  return 0;
}
