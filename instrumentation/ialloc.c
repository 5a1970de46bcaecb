/* SPDX-License-Identifier: MIT */
/* The core's internal allocator: power-of-two size classes carved from
 * mmap'd chunks, free lists per class. Never calls malloc (the core
 * intercepts it) and never a pthread lock.
 * DESIGN: one spin lock per class guards its free list and bump chunk;
 * blocks larger than the biggest class are mapped directly. Callers pass
 * the size back on free, so blocks carry no header.
 */
#define _GNU_SOURCE
#include "rt.h"

#include <dlfcn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { MIN_SHIFT = 4, MAX_SHIFT = 16, NCLASS = MAX_SHIFT - MIN_SHIFT + 1, CHUNK = 1 << 20 };

typedef struct freeblk { struct freeblk *next; } freeblk;

static struct {
  rkc__spin lock;
  freeblk *free;  /* guarded by lock */
  char *bump;     /* guarded by lock */
  size_t left;    /* guarded by lock */
} classes[NCLASS];

static void *(*real_memset)(void *, int, size_t);
static void *(*real_memcpy)(void *, const void *, size_t);

_Noreturn void rkc__die(const char *msg) {
  size_t n = 0;
  while (msg[n])
    n++;
  ssize_t r = write(2, "racekit: ", 9);
  r = write(2, msg, n);
  r = write(2, "\n", 1);
  (void)r;
  _exit(2);
}

static void resolve(void) {
  /* Resolved once at start-up (rkc__ialloc_init); a lazy resolution here
     is only for the unit tests. Relaxed: the pointer value is all we use. */
  if (!real_memset) {
    real_memset = (void *(*)(void *, int, size_t))dlsym(RTLD_NEXT, "memset");
    real_memcpy = (void *(*)(void *, const void *, size_t))dlsym(RTLD_NEXT, "memcpy");
  }
}

void rkc__ialloc_init(void) { resolve(); }

void rkc__bzero(void *p, size_t n) {
  if (RKC_LIKELY(real_memset)) {
    real_memset(p, 0, n);
    return;
  }
  volatile char *c = p;
  for (size_t i = 0; i < n; i++)
    c[i] = 0;
}

void rkc__bcopy(void *dst, const void *src, size_t n) {
  if (RKC_LIKELY(real_memcpy)) {
    real_memcpy(dst, src, n);
    return;
  }
  volatile char *d = dst;
  const volatile char *s = src;
  for (size_t i = 0; i < n; i++)
    d[i] = s[i];
}

/* Raw system calls: the program's mmap/munmap are intercepted. */
void *rkc__imap(size_t size) {
  void *p = (void *)syscall(SYS_mmap, NULL, size, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED || p == NULL)
    rkc__die("out of memory (mmap failed in the checker runtime)");
  return p;
}

void rkc__iunmap(void *p, size_t size) { syscall(SYS_munmap, p, size); }

static unsigned class_of(size_t size) {
  unsigned c = 0;
  while (((size_t)1 << (c + MIN_SHIFT)) < size)
    c++;
  return c;
}

void *rkc__ialloc(size_t size) {
  if (size == 0)
    size = 1;
  if (size > ((size_t)1 << MAX_SHIFT))
    return rkc__imap((size + 4095) & ~(size_t)4095);
  unsigned c = class_of(size);
  size_t bsize = (size_t)1 << (c + MIN_SHIFT);
  rkc__spin_lock(&classes[c].lock);
  freeblk *b = classes[c].free;
  if (b) {
    classes[c].free = b->next;
    rkc__spin_unlock(&classes[c].lock);
    rkc__bzero(b, bsize);
    return b;
  }
  if (classes[c].left < bsize) {
    classes[c].bump = rkc__imap(CHUNK);
    classes[c].left = CHUNK;
  }
  void *p = classes[c].bump;
  classes[c].bump += bsize;
  classes[c].left -= bsize;
  rkc__spin_unlock(&classes[c].lock);
  return p; /* fresh mmap memory is zero */
}

void rkc__ifree(void *p, size_t size) {
  if (!p)
    return;
  if (size == 0)
    size = 1;
  if (size > ((size_t)1 << MAX_SHIFT)) {
    rkc__iunmap(p, (size + 4095) & ~(size_t)4095);
    return;
  }
  unsigned c = class_of(size);
  freeblk *b = p;
  rkc__spin_lock(&classes[c].lock);
  b->next = classes[c].free;
  classes[c].free = b;
  rkc__spin_unlock(&classes[c].lock);
}

void rkc__ialloc_fork_lock(void) {
  for (unsigned c = 0; c < NCLASS; c++)
    rkc__spin_lock(&classes[c].lock);
}

void rkc__ialloc_fork_unlock(void) {
  for (unsigned c = NCLASS; c-- > 0;)
    rkc__spin_unlock(&classes[c].lock);
}
