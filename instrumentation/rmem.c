/* SPDX-License-Identifier: MIT */
/* mmap-backed permanent arena and a futex lock for the reporting side.
 * DESIGN: the arena is a chain of 64 KiB chunks bumped under arena_lock;
 * nothing is ever freed (the reporting side only accumulates caches whose
 * size is bounded by the number of distinct PCs and races).
 */
#include "rmem.h"

#include <linux/futex.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { CHUNK = 64 * 1024 };

static rkc__rlock arena_lock;
static char *arena_cur;  /* guarded by arena_lock */
static size_t arena_left; /* guarded by arena_lock */

void *rkc__rmem_map(size_t size) {
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

void rkc__rmem_unmap(void *p, size_t size) {
  if (p)
    munmap(p, size);
}

void *rkc__rmem_alloc(size_t size) {
  size = (size + 15) & ~(size_t)15;
  if (size > CHUNK / 4)
    return rkc__rmem_map(size);
  rkc__rlock_lock(&arena_lock);
  if (size > arena_left) {
    char *c = rkc__rmem_map(CHUNK);
    if (!c) {
      rkc__rlock_unlock(&arena_lock);
      return NULL;
    }
    arena_cur = c;
    arena_left = CHUNK;
  }
  void *p = arena_cur;
  arena_cur += size;
  arena_left -= size;
  rkc__rlock_unlock(&arena_lock);
  return p;
}

char *rkc__rmem_strndup(const char *s, size_t n) {
  if (!s)
    return NULL;
  char *d = rkc__rmem_alloc(n + 1);
  if (!d)
    return NULL;
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

char *rkc__rmem_strdup(const char *s) {
  if (!s)
    return NULL;
  return rkc__rmem_strndup(s, strlen(s));
}

void rkc__rmem_fork_lock(void) {
  rkc__rlock_lock(&arena_lock);
}

void rkc__rmem_fork_unlock(void) {
  rkc__rlock_unlock(&arena_lock);
}

void rkc__rmem_fork_reset(void) {
  arena_lock.state = 0; /* the child is single-threaded */
}

static long futex(int *uaddr, int op, int val) {
  return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

void rkc__rlock_lock(rkc__rlock *l) {
  int c = 0;
  /* acquire: pairs with the release in rkc__rlock_unlock() */
  if (__atomic_compare_exchange_n(&l->state, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
    return;
  if (c != 2)
    c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
  while (c != 0) {
    futex(&l->state, FUTEX_WAIT_PRIVATE, 2);
    c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
  }
}

void rkc__rlock_unlock(rkc__rlock *l) {
  /* release: pairs with the acquire in rkc__rlock_lock() */
  if (__atomic_fetch_sub(&l->state, 1, __ATOMIC_RELEASE) != 1) {
    __atomic_store_n(&l->state, 0, __ATOMIC_RELEASE);
    futex(&l->state, FUTEX_WAKE_PRIVATE, 1);
  }
}
