/* SPDX-License-Identifier: MIT */
/* Interceptors of file-descriptor I/O: data passed through a pipe, a
 * socket or an eventfd orders the threads on both ends, and the buffers
 * read() fills and write() drains are memory accesses.
 *
 * DESIGN: as ThreadSanitizer, a write-like call (write, pwrite, writev,
 * send, sendto, sendmsg) releases the descriptor's sync key before the
 * real call, and a read-like call (read, pread, readv, recv, recvfrom,
 * recvmsg) that succeeds acquires it after. The key is the descriptor's
 * own, except that both ends of a pipe() or socketpair() share one, and
 * every socket from socket()/accept() shares one key for all sockets
 * (the peer of a connection made inside the process is another
 * descriptor; ThreadSanitizer does the same). dup* copies the key; close
 * forgets it, and a descriptor's own key starts with no history when the
 * number is reused. read-like calls write the bytes they returned;
 * write-like calls read the bytes they were given.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include "runtime.h"
#include "sync.h"

#define PC() ((uintptr_t)__builtin_return_address(0))

enum { NFD = 1 << 16, SOCKETS = NFD + 1 };

/* The sync keys: addresses in key_space, which nothing else uses.
   fd_key[fd] == 0: the descriptor's own key (fd + 1); otherwise the key
   id. Written by the calls that create or close descriptors, read
   relaxed: a descriptor is used only after the call that made it. */
static char key_space[NFD + 2];
static _Atomic uint32_t fd_key[NFD];

RKC_INLINE rkc__thr *user_thr(void) {
  rkc__thr *t = rkc__cur;
  return t && !t->in_rt ? t : NULL;
}

static uint32_t key_id(int fd) {
  uint32_t k = atomic_load_explicit(&fd_key[fd], memory_order_relaxed);
  return k ? k : (uint32_t)fd + 1;
}

static uintptr_t key_of(int fd) { return (uintptr_t)&key_space[key_id(fd)]; }

static bool fd_ok(int fd) { return fd >= 0 && fd < NFD; }

static void set_key(int fd, uint32_t k) {
  if (fd_ok(fd))
    atomic_store_explicit(&fd_key[fd], k, memory_order_relaxed);
}

/* A new descriptor number: its own key starts with no history. */
static void fd_new(int fd, uint32_t k) {
  if (!fd_ok(fd))
    return;
  rkc__sync_reset((uintptr_t)&key_space[fd + 1]);
  set_key(fd, k);
}

static void release_fd(int fd) {
  rkc__thr *t = user_thr();
  if (!t || !fd_ok(fd))
    return;
  rkc__rt_enter(t);
  rkc__release(t, key_of(fd)); /* HB release; pairs with the acquire of a read-like call */
  rkc__rt_leave(t);
}

static void acquire_fd(int fd) {
  rkc__thr *t = user_thr();
  if (!t || !fd_ok(fd))
    return;
  rkc__rt_enter(t);
  rkc__acquire(t, key_of(fd)); /* HB acquire; pairs with the release of a write-like call */
  rkc__rt_leave(t);
}

static void range(const void *p, size_t n, int flags, uintptr_t pc) {
  rkc__thr *t = user_thr();
  if (t && p && n)
    rkc__access_range(t, (uintptr_t)p, n, flags, pc);
}

static void iov_range(const struct iovec *iov, int n, size_t total, int flags, uintptr_t pc) {
  for (int i = 0; i < n && total > 0; i++) {
    size_t k = iov[i].iov_len < total ? iov[i].iov_len : total;
    range(iov[i].iov_base, k, flags, pc);
    total -= k;
  }
}

static size_t iov_total(const struct iovec *iov, int n) {
  size_t s = 0;
  for (int i = 0; i < n; i++)
    s += iov[i].iov_len;
  return s;
}

/* ------------------------------------------------- making descriptors */

/* Both ends of a pipe or socketpair share the first end's key. */
static void fd_pair(const int fds[2]) {
  if (!fd_ok(fds[0]))
    return;
  fd_new(fds[0], 0);
  fd_new(fds[1], (uint32_t)fds[0] + 1);
}

RKC_EXPORT int pipe(int fds[2]) {
  RKC_REAL(int (*)(int *), pipe);
  int r = real_pipe(fds);
  if (r == 0)
    fd_pair(fds);
  return r;
}

RKC_EXPORT int pipe2(int fds[2], int flags) {
  RKC_REAL(int (*)(int *, int), pipe2);
  int r = real_pipe2(fds, flags);
  if (r == 0)
    fd_pair(fds);
  return r;
}

RKC_EXPORT int socketpair(int domain, int type, int proto, int fds[2]) {
  RKC_REAL(int (*)(int, int, int, int *), socketpair);
  int r = real_socketpair(domain, type, proto, fds);
  if (r == 0)
    fd_pair(fds);
  return r;
}

RKC_EXPORT int socket(int domain, int type, int proto) {
  RKC_REAL(int (*)(int, int, int), socket);
  int fd = real_socket(domain, type, proto);
  fd_new(fd, SOCKETS);
  return fd;
}

RKC_EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len) {
  RKC_REAL(int (*)(int, struct sockaddr *, socklen_t *), accept);
  int c = real_accept(fd, addr, len);
  fd_new(c, SOCKETS);
  return c;
}

RKC_EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
  RKC_REAL(int (*)(int, struct sockaddr *, socklen_t *, int), accept4);
  int c = real_accept4(fd, addr, len, flags);
  fd_new(c, SOCKETS);
  return c;
}

RKC_EXPORT int dup(int fd) {
  RKC_REAL(int (*)(int), dup);
  int n = real_dup(fd);
  if (n >= 0 && fd_ok(fd))
    fd_new(n, key_id(fd));
  return n;
}

RKC_EXPORT int dup2(int fd, int to) {
  RKC_REAL(int (*)(int, int), dup2);
  int n = real_dup2(fd, to);
  if (n >= 0 && fd_ok(fd) && n != fd)
    fd_new(n, key_id(fd));
  return n;
}

RKC_EXPORT int dup3(int fd, int to, int flags) {
  RKC_REAL(int (*)(int, int, int), dup3);
  int n = real_dup3(fd, to, flags);
  if (n >= 0 && fd_ok(fd))
    fd_new(n, key_id(fd));
  return n;
}

RKC_EXPORT int close(int fd) {
  RKC_REAL(int (*)(int), close);
  set_key(fd, 0);
  return real_close(fd);
}

/* ------------------------------------------------------ write-like */

RKC_EXPORT ssize_t write(int fd, const void *buf, size_t n) {
  RKC_REAL(ssize_t (*)(int, const void *, size_t), write);
  range(buf, n, 0, PC());
  release_fd(fd);
  return real_write(fd, buf, n);
}

RKC_EXPORT ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
  RKC_REAL(ssize_t (*)(int, const void *, size_t, off_t), pwrite);
  range(buf, n, 0, PC());
  release_fd(fd);
  return real_pwrite(fd, buf, n, off);
}

RKC_EXPORT ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) {
  RKC_REAL(ssize_t (*)(int, const void *, size_t, off_t), pwrite64);
  range(buf, n, 0, PC());
  release_fd(fd);
  return real_pwrite64(fd, buf, n, off);
}

RKC_EXPORT ssize_t writev(int fd, const struct iovec *iov, int cnt) {
  RKC_REAL(ssize_t (*)(int, const struct iovec *, int), writev);
  if (cnt > 0)
    iov_range(iov, cnt, iov_total(iov, cnt), 0, PC());
  release_fd(fd);
  return real_writev(fd, iov, cnt);
}

RKC_EXPORT ssize_t send(int fd, const void *buf, size_t n, int flags) {
  RKC_REAL(ssize_t (*)(int, const void *, size_t, int), send);
  range(buf, n, 0, PC());
  release_fd(fd);
  return real_send(fd, buf, n, flags);
}

RKC_EXPORT ssize_t sendto(int fd, const void *buf, size_t n, int flags,
                          const struct sockaddr *to, socklen_t tolen) {
  RKC_REAL(ssize_t (*)(int, const void *, size_t, int, const struct sockaddr *, socklen_t),
           sendto);
  range(buf, n, 0, PC());
  release_fd(fd);
  return real_sendto(fd, buf, n, flags, to, tolen);
}

RKC_EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
  RKC_REAL(ssize_t (*)(int, const struct msghdr *, int), sendmsg);
  if (msg && msg->msg_iovlen > 0)
    iov_range(msg->msg_iov, (int)msg->msg_iovlen, iov_total(msg->msg_iov, (int)msg->msg_iovlen),
              0, PC());
  release_fd(fd);
  return real_sendmsg(fd, msg, flags);
}

/* ------------------------------------------------------- read-like */

/* After a read-like call that returned r: acquire, then the bytes written. */
static void after_read(int fd, void *buf, ssize_t r, uintptr_t pc) {
  if (r < 0)
    return;
  acquire_fd(fd);
  range(buf, (size_t)r, RKC_ACC_WRITE, pc);
}

RKC_EXPORT ssize_t read(int fd, void *buf, size_t n) {
  RKC_REAL(ssize_t (*)(int, void *, size_t), read);
  ssize_t r = real_read(fd, buf, n);
  after_read(fd, buf, r, PC());
  return r;
}

RKC_EXPORT ssize_t pread(int fd, void *buf, size_t n, off_t off) {
  RKC_REAL(ssize_t (*)(int, void *, size_t, off_t), pread);
  ssize_t r = real_pread(fd, buf, n, off);
  after_read(fd, buf, r, PC());
  return r;
}

RKC_EXPORT ssize_t pread64(int fd, void *buf, size_t n, off_t off) {
  RKC_REAL(ssize_t (*)(int, void *, size_t, off_t), pread64);
  ssize_t r = real_pread64(fd, buf, n, off);
  after_read(fd, buf, r, PC());
  return r;
}

RKC_EXPORT ssize_t readv(int fd, const struct iovec *iov, int cnt) {
  RKC_REAL(ssize_t (*)(int, const struct iovec *, int), readv);
  ssize_t r = real_readv(fd, iov, cnt);
  if (r >= 0) {
    acquire_fd(fd);
    iov_range(iov, cnt, (size_t)r, RKC_ACC_WRITE, PC());
  }
  return r;
}

RKC_EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags) {
  RKC_REAL(ssize_t (*)(int, void *, size_t, int), recv);
  ssize_t r = real_recv(fd, buf, n, flags);
  after_read(fd, buf, r, PC());
  return r;
}

RKC_EXPORT ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from,
                            socklen_t *fromlen) {
  RKC_REAL(ssize_t (*)(int, void *, size_t, int, struct sockaddr *, socklen_t *), recvfrom);
  ssize_t r = real_recvfrom(fd, buf, n, flags, from, fromlen);
  after_read(fd, buf, r, PC());
  return r;
}

RKC_EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags) {
  RKC_REAL(ssize_t (*)(int, struct msghdr *, int), recvmsg);
  ssize_t r = real_recvmsg(fd, msg, flags);
  if (r >= 0) {
    acquire_fd(fd);
    if (msg && msg->msg_iovlen > 0)
      iov_range(msg->msg_iov, (int)msg->msg_iovlen, (size_t)r, RKC_ACC_WRITE, PC());
  }
  return r;
}
