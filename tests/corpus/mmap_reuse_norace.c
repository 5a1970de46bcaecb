/* SPDX-License-Identifier: MIT */
// expect: norace
/* Memory unmapped by one thread and mapped again, at the same address, by
   another thread that nothing orders with the first is new memory: its
   writes never race with what the first thread wrote there. (The program
   checks that the address really is reused: a runtime may map memory of
   its own into the hole in between, as ThreadSanitizer's does in about
   half of the runs. It then tries again, up to ten times, and exits with
   status 4 if the address was never reused.) */
#include <stdatomic.h>
#include <sys/mman.h>

#include "corpus.h"

enum { LEN = 1 << 16 };
static _Atomic(void *) first_map; /* atomic: no happens-before needed */
static corpus_barrier bar;

static void *first(void *arg) {
  (void)arg;
  char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) exit(3);
  for (int i = 0; i < LEN; i += 256) p[i] = 1;
  munmap(p, LEN);
  atomic_store_explicit(&first_map, p, memory_order_relaxed);
  invisible_barrier_wait(&bar);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  invisible_barrier_wait(&bar);
  void *hint = atomic_load_explicit(&first_map, memory_order_relaxed);
  /* The same address again (unless something else took it meanwhile). */
  char *p = mmap(hint, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) return NULL; /* taken meanwhile: not reused */
  for (int i = 0; i < LEN; i += 256) p[i] = 2;
  int reused = p == (char *)hint;
  munmap(p, LEN);
  return (void *)(long)reused;
}

int main(void) {
  for (int attempt = 0; attempt < 10; attempt++) {
    invisible_barrier_init(&bar, 2);
    pthread_t a = spawn(first, NULL), b = spawn(second, NULL);
    void *reused = NULL;
    join(a);
    if (pthread_join(b, &reused) != 0) return 3;
    if (reused) return 0;
  }
  return 4; /* 4: never reused, the test proved nothing */
}
