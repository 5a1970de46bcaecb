/* SPDX-License-Identifier: MIT */
/* compare test: a race only an exact detector finds. A writer thread
 * writes `x`; then many reader threads read it, each ordered after the
 * write (the writer was joined before they were created); ThreadSanitizer
 * keeps only 4 accesses per 8 bytes, so the reads evict the write from its
 * history. Then a thread that was started before the write, and is ordered
 * after nothing since, reads `x`: that read races with the write.
 * The late reader waits on a relaxed atomic, which is no happens-before
 * edge (C11), so the wait orders the execution, not the accesses. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { READERS = 8 };

static long x;
static _Atomic int go;
static long sink;

static void *writer(void *arg)
{
  (void)arg;
  x = 42; /* the write */
  return NULL;
}

static void *reader(void *arg)
{
  *(long *)arg = x; /* ordered after the write: no race */
  return NULL;
}

static void *late_reader(void *arg)
{
  (void)arg;
  while (atomic_load_explicit(&go, memory_order_relaxed) == 0)
    ;
  sink = x; /* unordered with the write: the race */
  return NULL;
}

int main(void)
{
  pthread_t late, w, r;
  long got[READERS];
  pthread_create(&late, NULL, late_reader, NULL);
  pthread_create(&w, NULL, writer, NULL);
  pthread_join(w, NULL);
  for (int i = 0; i < READERS; i++) {
    pthread_create(&r, NULL, reader, &got[i]);
    pthread_join(r, NULL);
  }
  atomic_store_explicit(&go, 1, memory_order_relaxed);
  pthread_join(late, NULL);
  printf("%ld %ld\n", got[0], sink);
  return 0;
}
