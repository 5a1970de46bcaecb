/* SPDX-License-Identifier: MIT */
/* Captured-log source: the reports ThreadSanitizer prints that are not data
 * races: lock-order-inversion, unlock of an unlocked mutex, destroy of a
 * locked mutex, signal-unsafe call inside a signal handler,
 * heap-use-after-free, thread leak; plus one real data race. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int racy;
static pthread_barrier_t bar;

static void on_signal(int sig)
{
  (void)sig;
  void *p = malloc(8);
  free(p);
}

static void *idle(void *arg)
{
  (void)arg;
  return NULL;
}

static void *writer(void *arg)
{
  racy = 1;
  long *p = arg;
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&bar);
  return (void *)p[0];
}

int main(void)
{
  /* lock-order-inversion */
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);

  /* unlock of an unlocked mutex */
  pthread_mutex_t m;
  pthread_mutex_init(&m, NULL);
  pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m);

  /* destroy of a locked mutex */
  pthread_mutex_t d;
  pthread_mutex_init(&d, NULL);
  pthread_mutex_lock(&d);
  pthread_mutex_destroy(&d);

  /* signal-unsafe call inside of a signal handler */
  signal(SIGUSR1, on_signal);
  raise(SIGUSR1);

  /* heap-use-after-free (the thread reads after main freed) and a race */
  pthread_barrier_init(&bar, NULL, 2);
  long *p = malloc(sizeof *p);
  *p = 7;
  pthread_t w;
  pthread_create(&w, NULL, writer, p);
  racy = 2;
  pthread_barrier_wait(&bar);
  free(p);
  pthread_barrier_wait(&bar);
  pthread_join(w, NULL);

  /* thread leak */
  pthread_t leak;
  pthread_create(&leak, NULL, idle, NULL);
  usleep(100000);
  printf("done\n");
  return 0;
}
