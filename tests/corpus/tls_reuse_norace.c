/* SPDX-License-Identifier: MIT */
// expect: norace
/* A detached thread writes its thread-local variables and a local array,
   and ends. Once it is gone, main starts another thread that nothing
   orders with the first; glibc hands it the first thread's cached stack,
   and with it the same addresses for its thread-local storage and its
   locals. A new thread's storage is new memory: its writes never race
   with the dead thread's. (The program checks that the addresses really
   are reused.) */
#define _GNU_SOURCE /* gettid */
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"

static __thread long tls_counter;
static __thread char tls_name[16];
static _Atomic(void *) first_tls, first_local; /* atomics: no happens-before needed */
static atomic_int first_tid;

static __attribute__((noinline)) void fill(char *p, size_t n, char v) { memset(p, v, n); }

static void *life(void *arg) {
  char local[64];
  fill(local, sizeof local, (char)(long)arg);
  tls_counter += (long)arg;
  fill(tls_name, sizeof tls_name, 'a');
  if (!atomic_load_explicit(&first_tls, memory_order_relaxed)) {
    atomic_store_explicit(&first_tls, &tls_counter, memory_order_relaxed);
    atomic_store_explicit(&first_local, local, memory_order_relaxed);
    atomic_store_explicit(&first_tid, gettid(), memory_order_relaxed);
    return NULL;
  }
  int same = atomic_load_explicit(&first_tls, memory_order_relaxed) == (void *)&tls_counter &&
             atomic_load_explicit(&first_local, memory_order_relaxed) == (void *)local;
  return (void *)(long)same;
}

static int gone(int tid) { /* the kernel has removed the thread */
  char path[64];
  snprintf(path, sizeof path, "/proc/self/task/%d", tid);
  return access(path, F_OK) != 0;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t a;
  if (pthread_create(&a, &attr, life, (void *)1) != 0) return 3;
  pthread_detach(a);
  int tid;
  while ((tid = atomic_load_explicit(&first_tid, memory_order_relaxed)) == 0) sched_yield();
  while (!gone(tid)) sched_yield(); /* the first thread has ended */
  pthread_t b;
  if (pthread_create(&b, &attr, life, (void *)2) != 0) return 3;
  void *same = NULL;
  if (pthread_join(b, &same) != 0) return 3;
  pthread_attr_destroy(&attr);
  return same ? 0 : 4; /* 4: no reuse, the test proved nothing */
}
