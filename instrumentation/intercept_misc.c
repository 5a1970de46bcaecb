/* SPDX-License-Identifier: MIT */
/* fork (the child continues with the forking thread only: every runtime
 * lock is taken around the real fork so none is left held by a thread
 * that does not exist in the child), and mmap/munmap (a fresh or unmapped
 * range is new memory: its shadow is forgotten).
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "depot.h"
#include "events.h"
#include "heap.h"
#include "runtime.h"
#include "sync.h"

RKC_HIDDEN void rkc__pthread_fork_lock(void);
RKC_HIDDEN void rkc__pthread_fork_unlock(void);

static void lock_all(void) {
  /* Same order as the runtime nests them; the allocator is innermost. */
  rkc_report_fork_prepare();
  rkc__pthread_fork_lock();
  rkc__thr_fork_lock();
  rkc__sync_fork_lock();
  rkc__heap_fork_lock();
  rkc__depot_fork_lock();
  rkc__shadow_fork_lock();
  rkc__ialloc_fork_lock();
}

static void unlock_all(void) {
  rkc__ialloc_fork_unlock();
  rkc__shadow_fork_unlock();
  rkc__depot_fork_unlock();
  rkc__heap_fork_unlock();
  rkc__sync_fork_unlock();
  rkc__thr_fork_unlock();
  rkc__pthread_fork_unlock();
}

RKC_EXPORT pid_t fork(void) {
  RKC_REAL(pid_t(*)(void), fork);
  rkc__thr *t = rkc__get_thr();
  if (!t || t->in_rt)
    return real_fork();
  rkc__rt_enter(t);
  lock_all();
  pid_t pid = real_fork();
  unlock_all();
  if (pid == 0)
    rkc_report_fork_child();
  else
    rkc_report_fork_parent();
  if (pid == 0) {
    if (rkc__thr_after_fork_child(t)) /* else no cell can be locked */
      rkc__shadow_after_fork_child();
    t->desc->os_tid = (int)gettid();
  }
  rkc__rt_leave(t);
  return pid;
}

RKC_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
  RKC_REAL(void *(*)(void *, size_t, int, int, int, off_t), mmap);
  void *p = real_mmap(addr, len, prot, flags, fd, off);
  rkc__thr *t = rkc__cur;
  if (p != MAP_FAILED && t && !t->in_rt) {
    rkc__rt_enter(t);
    rkc__shadow_clear((uintptr_t)p, len);
    rkc__rt_leave(t);
  }
  return p;
}

RKC_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
  return mmap(addr, len, prot, flags, fd, off);
}

RKC_EXPORT int munmap(void *addr, size_t len) {
  RKC_REAL(int (*)(void *, size_t), munmap);
  rkc__thr *t = rkc__cur;
  if (t && !t->in_rt) {
    rkc__rt_enter(t);
    rkc__shadow_clear((uintptr_t)addr, len);
    rkc__rt_leave(t);
  }
  return real_munmap(addr, len);
}
