/* SPDX-License-Identifier: MIT */
/* pthread-condvar (racy, plain POSIX threads): a consumer waits on a
 * condition variable until a value is set, checking it under the mutex.
 * main sets the value and signals WITHOUT taking the mutex: the write is
 * ordered with nothing the consumer does, and a signal sent between the
 * consumer's check and its wait is lost (the timed wait bounds the delay). */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct box {
  pthread_mutex_t mu;
  pthread_cond_t cv; /* signalled when value is set */
  int value;         /* 0 until set; the consumer reads it under mu, main writes it without (the bug) */
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
    pthread_cond_timedwait(&b->cv, &b->mu, &deadline);
  }
  pthread_mutex_unlock(&b->mu);
  printf("consumer got %d (expected 42)\n", v);
  return NULL;
}

int main(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, consumer, &box) != 0) return 1;
  box.value = 42;
  pthread_cond_signal(&box.cv);
  pthread_join(t, NULL); /* HB: the thread's end pairs with this return */
  return 0;
}
