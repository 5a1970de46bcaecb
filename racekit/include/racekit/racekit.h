/* SPDX-License-Identifier: MIT */
/* racekit: Go-style concurrency for C11 over POSIX threads.
 *
 * Goroutines, channels, select, timers, WaitGroup, Mutex, RWMutex, Once,
 * atomics and context, with Go's semantics. Every happens-before edge of
 * the Go memory model (and no other) is reported to race checkers through
 * ThreadSanitizer's annotation API, so programs built with
 * -fsanitize=thread (or with `racekit cc`) are checked exactly.
 *
 * Conventions
 * - Functions that can fail return int: 0 on success or a negative RK_E*
 *   code (never errno). rk_strerror() names a code.
 * - Misuse that Go answers with a panic calls rk_panic: it prints
 *   "panic: <what>" with the caller's file:line and aborts, unless a
 *   handler installed with rk_panic_set_handler() leaves by longjmp.
 * - Blocking and panicking calls are macros that pass the caller's source
 *   location (RK_HERE) to the *_at function, so panics and deadlock reports
 *   name the user's line. The plain function of the same name exists too,
 *   e.g. (rk_chan_send)(ch, &v), for taking its address.
 * - Sync objects live in caller-owned storage: a zeroed object is a valid
 *   unlocked / empty one, like Go's zero values; RK_*_INIT spells it.
 */
#ifndef RACEKIT_RACEKIT_H
#define RACEKIT_RACEKIT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility; everything declared here is
   its public API. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility push(default)
#endif

#define RACEKIT_VERSION_MAJOR 0
#define RACEKIT_VERSION_MINOR 1
#define RACEKIT_VERSION_PATCH 0
#define RACEKIT_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------ errors */

/* Error codes: negated errno values, so -1 stays free for rk_select's
   "no case ready". */
#define RK_EAGAIN (-11)     /* the operation would block */
#define RK_ENOMEM (-12)     /* out of memory */
#define RK_EINVAL (-22)     /* invalid argument */
#define RK_ECLOSED (-32)    /* channel closed */
#define RK_ETIMEDOUT (-110) /* deadline exceeded (context) */
#define RK_ECANCELED (-125) /* canceled (context) */

/* Name of an RK_E* code ("channel closed", ...); never NULL. */
const char *rk_strerror(int err);

/* Source location of a call, filled in by the macros below. */
typedef struct rk_srcloc {
  const char *file;
  int line;
  const char *func;
} rk_srcloc;

#define RK_HERE ((rk_srcloc){__FILE__, __LINE__, __func__})

/* The location the API macros pass: the same as RK_HERE, but kept in a
   static constant, so a call copies it from read-only memory instead of
   building it on the stack first (which stalls store forwarding and costs
   a few ns per call). */
#if defined(__GNUC__) || defined(__clang__)
#define RK__LOC()                                                              \
  (*__extension__({                                                            \
    static const rk_srcloc rk__loc = {__FILE__, __LINE__, __func__};           \
    &rk__loc;                                                                  \
  }))
#else
#define RK__LOC() RK_HERE
#endif

/* ------------------------------------------------------------------ panics */

/* A panic handler sees the message (without the "panic: " prefix) and the
   caller's location. It must not return to the library: it may longjmp out
   (tests do) or exit. If it returns, the process aborts. NULL restores the
   default (print and abort). Process-wide. */
typedef void (*rk_panic_handler)(const char *msg, rk_srcloc where, void *arg);
void rk_panic_set_handler(rk_panic_handler handler, void *arg);

/* Print "panic: <msg>", the location and the stack to stderr, then call the
   handler or abort. */
_Noreturn void rk_panic_at(rk_srcloc where, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define rk_panic(...) rk_panic_at(RK_HERE, __VA_ARGS__)

/* -------------------------------------------------------------- goroutines */

/* Start fn(arg) in a new goroutine. Goroutines run on their own 1 MiB
   stacks, scheduled over one OS thread per CPU as Go does; a goroutine may
   resume on another OS thread after it blocks in racekit, so thread-local
   variables, pthread_self() and pthread mutexes held across a blocking
   racekit call belong to whichever thread runs it then. Main stays on the
   main thread. Under a race checker each goroutine is an OS thread of its
   own (its own logical thread for the checker); builds without x86-64
   context switching use a thread pool.
   Returns 0 or RK_ENOMEM. arg is passed through, not copied.
   Synchronization: the rk_go call happens before fn starts. Nothing
   orders fn's end with anything unless the program synchronizes. */
int rk_go_at(void (*fn)(void *arg), void *arg, rk_srcloc where);
int rk_go(void (*fn)(void *arg), void *arg);
#define rk_go(fn, arg) rk_go_at((fn), (arg), RK__LOC())

/* Id of the calling goroutine: 1 for the process's main thread, small
   increasing integers for goroutines (and for plain threads that call into
   racekit, on their first call). */
long rk_goid(void);

/* ---------------------------------------------------------------- channels */

typedef struct rk_chan rk_chan;

/* A channel of elements of elem_size bytes (copied by value), with a buffer
   of cap elements (0: unbuffered). elem_size 0 is a signal-only channel
   (Go's chan struct{}): elem may be NULL in every call. Returns a channel
   holding one reference, or NULL when out of memory. */
rk_chan *rk_chan_make(size_t elem_size, size_t cap);

/* Reference counting: the channel is freed when the last reference goes.
   release(NULL) is a no-op. Releasing does not close. Once an operation
   has completed (a receive has its value), its partner goroutine no longer
   needs the channel: the last reference may go at once, even while the
   partner is still returning from its send or select. */
void rk_chan_retain(rk_chan *ch);
void rk_chan_release(rk_chan *ch);

/* Send a copy of *elem; blocks until a receiver takes it (unbuffered) or
   there is room in the buffer. Panics "send on closed channel" if the
   channel is or becomes closed. A NULL channel blocks forever.
   Returns 0.
   Synchronization: a send happens before the matching receive completes;
   the k-th receive on a channel of capacity C happens before the (k+C)-th
   send completes. */
int rk_chan_send_at(rk_chan *ch, const void *elem, rk_srcloc where);
int rk_chan_send(rk_chan *ch, const void *elem);
#define rk_chan_send(ch, elem) rk_chan_send_at((ch), (elem), RK__LOC())

/* Receive into *elem (NULL discards); blocks until a value is available or
   the channel is closed and drained. *ok (may be NULL) is true for a value
   that was sent, false when the channel is closed and drained, in which
   case *elem is zeroed. A NULL channel blocks forever. Returns 0.
   Synchronization: the matching send happens before it completes; closing
   happens before a receive that returns because the channel is closed. */
int rk_chan_recv_at(rk_chan *ch, void *elem, bool *ok, rk_srcloc where);
int rk_chan_recv(rk_chan *ch, void *elem, bool *ok);
#define rk_chan_recv(ch, elem, ok) rk_chan_recv_at((ch), (elem), (ok), RK__LOC())

/* Non-blocking variants: RK_EAGAIN when the operation would block (always
   for a NULL channel). try_send panics on a closed channel; try_recv on a
   closed, drained channel returns 0 with *ok = false. Same edges as the
   blocking forms when they succeed. */
int rk_chan_try_send_at(rk_chan *ch, const void *elem, rk_srcloc where);
int rk_chan_try_send(rk_chan *ch, const void *elem);
#define rk_chan_try_send(ch, elem) rk_chan_try_send_at((ch), (elem), RK__LOC())
int rk_chan_try_recv_at(rk_chan *ch, void *elem, bool *ok, rk_srcloc where);
int rk_chan_try_recv(rk_chan *ch, void *elem, bool *ok);
#define rk_chan_try_recv(ch, elem, ok) rk_chan_try_recv_at((ch), (elem), (ok), RK__LOC())

/* Close: no more sends. Wakes every waiter: receivers drain the buffer then
   get ok = false; blocked senders panic. Panics "close of closed channel"
   or "close of nil channel". Returns 0.
   Synchronization: close happens before a receive that returns because the
   channel is closed. */
int rk_chan_close_at(rk_chan *ch, rk_srcloc where);
int rk_chan_close(rk_chan *ch);
#define rk_chan_close(ch) rk_chan_close_at((ch), RK__LOC())

/* Number of buffered elements / buffer capacity (0 for NULL). */
size_t rk_chan_len(rk_chan *ch);
size_t rk_chan_cap(rk_chan *ch);

/* Go's `for var := range ch`: receive into the caller's variable var until
   the channel is closed and drained. `break` works as usual.
       int v; RK_CHAN_FOR(ch, v) { printf("%d\n", v); }            */
#define RK_CHAN_FOR(ch, var)                                                   \
  for (bool rk__range_ok = true;                                               \
       rk_chan_recv((ch), &(var), &rk__range_ok) == 0 && rk__range_ok;)

/* ------------------------------------------------------------------ select */

enum { RK_SELECT_SEND = 1, RK_SELECT_RECV = 2 };

typedef struct rk_select_case {
  int op;        /* RK_SELECT_SEND or RK_SELECT_RECV */
  rk_chan *ch;   /* NULL: this case is never ready */
  void *elem;    /* send: value to copy; recv: destination (NULL discards) */
  bool *ok;      /* recv: set like rk_chan_recv's ok (may be NULL) */
} rk_select_case;

#define RK_SEND(ch_, elem_)                                                    \
  ((rk_select_case){.op = RK_SELECT_SEND, .ch = (ch_), .elem = (void *)(elem_), .ok = NULL})
#define RK_RECV(ch_, elem_, ok_)                                               \
  ((rk_select_case){.op = RK_SELECT_RECV, .ch = (ch_), .elem = (elem_), .ok = (ok_)})

enum { RK_SELECT_BLOCK = 0, RK_SELECT_DEFAULT = 1 };
#define RK_SELECT_NONE (-1)

/* Wait until one of the n cases can proceed and perform it. When several
   are ready one is chosen uniformly at random. With RK_SELECT_DEFAULT,
   returns RK_SELECT_NONE (-1) at once if none is ready; with
   RK_SELECT_BLOCK and no usable case, blocks forever. Returns the index of
   the case performed, or RK_EINVAL for a bad case or flag. A send case on a
   closed channel panics. Each case carries the edges of the operation it
   performs. */
int rk_select_at(rk_select_case *cases, size_t n, int flags, rk_srcloc where);
int rk_select(rk_select_case *cases, size_t n, int flags);
#define rk_select(cases, n, flags) rk_select_at((cases), (n), (flags), RK__LOC())

/* ------------------------------------------------------------------ timers */

#define RK_NANOSECOND ((int64_t)1)
#define RK_MICROSECOND ((int64_t)1000)
#define RK_MILLISECOND ((int64_t)1000000)
#define RK_SECOND ((int64_t)1000000000)

/* Monotonic clock, nanoseconds. */
int64_t rk_now(void);

/* Like time.Sleep. A sleeping goroutine counts as able to wake. */
void rk_sleep(int64_t ns);

/* Like time.After: a channel (capacity 1, elements int64_t) that receives
   rk_now() once, after ns nanoseconds. The caller owns the returned
   reference and releases it. NULL when out of memory. */
rk_chan *rk_after(int64_t ns);

typedef struct rk_ticker rk_ticker;

/* Like time.NewTicker: a tick (int64_t rk_now()) every ns > 0 nanoseconds
   on a capacity-1 channel; slow receivers miss ticks. NULL for ns <= 0 or
   out of memory. */
rk_ticker *rk_ticker_make(int64_t ns);
/* The tick channel; borrowed, valid until rk_ticker_release. */
rk_chan *rk_ticker_chan(rk_ticker *t);
/* Stop ticking. After it returns no tick is delivered, and a tick already
   buffered but not received is discarded. Idempotent. */
void rk_ticker_stop(rk_ticker *t);
/* Stop and free. NULL is a no-op. */
void rk_ticker_release(rk_ticker *t);

/* -------------------------------------------------------------------- sync */

/* Caller-owned storage; the layouts are private. Zero is the valid initial
   state. */
typedef struct rk_mutex { _Alignas(8) unsigned char rk__opaque[32]; } rk_mutex;
typedef struct rk_rwmutex { _Alignas(8) unsigned char rk__opaque[64]; } rk_rwmutex;
typedef struct rk_waitgroup { _Alignas(8) unsigned char rk__opaque[32]; } rk_waitgroup;
typedef struct rk_once { _Alignas(8) unsigned char rk__opaque[32]; } rk_once;

#define RK_MUTEX_INIT {{0}}
#define RK_RWMUTEX_INIT {{0}}
#define RK_WAITGROUP_INIT {{0}}
#define RK_ONCE_INIT {{0}}

/* Mutex: as in Go, not owned by a goroutine; another may unlock it.
   Unlocking an unlocked mutex is fatal: "fatal error: sync: unlock of
   unlocked mutex".
   Synchronization: rk_mutex_unlock happens before the next rk_mutex_lock
   (or successful trylock) returns. */
void rk_mutex_lock_at(rk_mutex *mu, rk_srcloc where);
void rk_mutex_lock(rk_mutex *mu);
#define rk_mutex_lock(mu) rk__mutex_lock_inline((mu), RK__LOC())
bool rk_mutex_trylock(rk_mutex *mu);
void rk_mutex_unlock_at(rk_mutex *mu, rk_srcloc where);
void rk_mutex_unlock(rk_mutex *mu);
#define rk_mutex_unlock(mu) rk__mutex_unlock_inline((mu), RK__LOC())

/* Private: inline fast paths of the macros above. They act only when no
   race checker consumes edges (rk__edges_on == 0) and the mutex is free /
   held without waiters (its first 32-bit word is 0 / 1); everything else
   goes to the *_at functions. */
extern _Atomic int rk__edges_on;
static inline void rk__mutex_lock_inline(rk_mutex *mu, rk_srcloc where) {
  uint32_t z = 0;
  if (__builtin_expect(!atomic_load_explicit(&rk__edges_on, memory_order_relaxed), 1) &&
      __builtin_expect(atomic_compare_exchange_weak_explicit(
                           (_Atomic uint32_t *)(void *)mu->rk__opaque, &z, 1,
                           memory_order_acquire, memory_order_relaxed), 1))
    return;
  rk_mutex_lock_at(mu, where);
}
static inline void rk__mutex_unlock_inline(rk_mutex *mu, rk_srcloc where) {
  uint32_t one = 1;
  if (__builtin_expect(!atomic_load_explicit(&rk__edges_on, memory_order_relaxed), 1) &&
      __builtin_expect(atomic_compare_exchange_strong_explicit(
                           (_Atomic uint32_t *)(void *)mu->rk__opaque, &one, 0,
                           memory_order_release, memory_order_relaxed), 1))
    return;
  rk_mutex_unlock_at(mu, where);
}

/* RWMutex: many readers or one writer; a blocked writer keeps new readers
   out (as Go's). Fatal errors: "sync: RUnlock of unlocked RWMutex",
   "sync: Unlock of unlocked RWMutex".
   Synchronization: unlock happens before later rlock and lock return;
   runlock happens before a later lock returns. */
void rk_rwmutex_rlock_at(rk_rwmutex *rw, rk_srcloc where);
void rk_rwmutex_rlock(rk_rwmutex *rw);
#define rk_rwmutex_rlock(rw) rk_rwmutex_rlock_at((rw), RK__LOC())
void rk_rwmutex_runlock_at(rk_rwmutex *rw, rk_srcloc where);
void rk_rwmutex_runlock(rk_rwmutex *rw);
#define rk_rwmutex_runlock(rw) rk_rwmutex_runlock_at((rw), RK__LOC())
void rk_rwmutex_lock_at(rk_rwmutex *rw, rk_srcloc where);
void rk_rwmutex_lock(rk_rwmutex *rw);
#define rk_rwmutex_lock(rw) rk_rwmutex_lock_at((rw), RK__LOC())
void rk_rwmutex_unlock_at(rk_rwmutex *rw, rk_srcloc where);
void rk_rwmutex_unlock(rk_rwmutex *rw);
#define rk_rwmutex_unlock(rw) rk_rwmutex_unlock_at((rw), RK__LOC())
bool rk_rwmutex_tryrlock(rk_rwmutex *rw);
bool rk_rwmutex_trylock(rk_rwmutex *rw);

/* WaitGroup. A negative counter panics "sync: negative WaitGroup counter",
   one past INT32_MAX "sync: WaitGroup counter overflow". Once rk_wg_wait
   has returned, the waitgroup may be freed or reused: the rk_wg_done that
   released it no longer touches it.
   Synchronization: rk_wg_done (and an rk_wg_add that brings the counter to
   zero) happens before the rk_wg_wait it releases returns. */
void rk_wg_add_at(rk_waitgroup *wg, long delta, rk_srcloc where);
void rk_wg_add(rk_waitgroup *wg, long delta);
#define rk_wg_add(wg, delta) rk_wg_add_at((wg), (delta), RK__LOC())
void rk_wg_done_at(rk_waitgroup *wg, rk_srcloc where);
void rk_wg_done(rk_waitgroup *wg);
#define rk_wg_done(wg) rk_wg_done_at((wg), RK__LOC())
void rk_wg_wait_at(rk_waitgroup *wg, rk_srcloc where);
void rk_wg_wait(rk_waitgroup *wg);
#define rk_wg_wait(wg) rk_wg_wait_at((wg), RK__LOC())

/* Once: fn runs exactly once; every call returns after it has returned.
   Synchronization: the return of fn happens before any rk_once_do on the
   same once returns. */
void rk_once_do_at(rk_once *once, void (*fn)(void), rk_srcloc where);
void rk_once_do(rk_once *once, void (*fn)(void));
#define rk_once_do(once, fn) rk__once_do_inline((once), (fn), RK__LOC())

/* Private: the macro's inline fast path. The first 32-bit word of a once is
   2 when fn has returned and no race checker or hook consumed edges then
   (3 if one did: every call then goes to rk_once_do_at, which reports the
   edge). A hook installed later does not see the returns of onces that
   completed before it. */
static inline void rk__once_do_inline(rk_once *once, void (*fn)(void), rk_srcloc where) {
  if (__builtin_expect(atomic_load_explicit((_Atomic uint32_t *)(void *)once->rk__opaque,
                                            memory_order_acquire) == 2, 1))
    return;
  rk_once_do_at(once, fn, where);
}

/* ----------------------------------------------------------------- atomics */

/* Go's sync/atomic: sequentially consistent. Inline over <stdatomic.h> so
   that instrumented builds see each operation as an atomic access.
   Synchronization: a store happens before a load that observes it. */
typedef struct rk_atomic_i64 { _Atomic int64_t v; } rk_atomic_i64;
typedef struct rk_atomic_ptr { _Atomic(void *) v; } rk_atomic_ptr;
#define RK_ATOMIC_INIT(x) {(x)}

static inline int64_t rk_atomic_i64_load(rk_atomic_i64 *a) { return atomic_load(&a->v); }
static inline void rk_atomic_i64_store(rk_atomic_i64 *a, int64_t x) { atomic_store(&a->v, x); }
/* Adds delta and returns the new value (as Go's atomic.AddInt64). */
static inline int64_t rk_atomic_i64_add(rk_atomic_i64 *a, int64_t delta) {
  return atomic_fetch_add(&a->v, delta) + delta;
}
/* Stores x and returns the old value. */
static inline int64_t rk_atomic_i64_swap(rk_atomic_i64 *a, int64_t x) { return atomic_exchange(&a->v, x); }
/* If the value is old, replaces it with x and returns true. */
static inline bool rk_atomic_i64_cas(rk_atomic_i64 *a, int64_t old, int64_t x) {
  return atomic_compare_exchange_strong(&a->v, &old, x);
}

static inline void *rk_atomic_ptr_load(rk_atomic_ptr *a) { return atomic_load(&a->v); }
static inline void rk_atomic_ptr_store(rk_atomic_ptr *a, void *p) { atomic_store(&a->v, p); }
static inline void *rk_atomic_ptr_swap(rk_atomic_ptr *a, void *p) { return atomic_exchange(&a->v, p); }
static inline bool rk_atomic_ptr_cas(rk_atomic_ptr *a, void *old, void *p) {
  return atomic_compare_exchange_strong(&a->v, &old, p);
}

/* ----------------------------------------------------------------- context */

typedef struct rk_context rk_context;

/* The root: never canceled, no deadline; rk_context_done returns NULL for
   it (a channel that is never ready). Static; releasing it is a no-op. */
rk_context *rk_context_background(void);

/* Children of parent, each holding one reference the caller releases.
   Canceling a context cancels all its descendants. with_timeout cancels
   after ns nanoseconds, with_deadline at the CLOCK_REALTIME instant
   unix_ns, both with RK_ETIMEDOUT. NULL when out of memory or parent is
   NULL. */
rk_context *rk_context_with_cancel(rk_context *parent);
rk_context *rk_context_with_timeout(rk_context *parent, int64_t ns);
rk_context *rk_context_with_deadline(rk_context *parent, int64_t unix_ns);

/* Cancel ctx and its descendants (RK_ECANCELED). Idempotent.
   Synchronization: a cancel happens before a receive on rk_context_done
   that returns because of it. */
void rk_context_cancel(rk_context *ctx);
/* Cancel if not yet canceled, then drop the caller's reference. */
void rk_context_release(rk_context *ctx);
/* Channel closed when ctx is canceled; borrowed from ctx. */
rk_chan *rk_context_done(rk_context *ctx);
/* 0 while live, then RK_ECANCELED or RK_ETIMEDOUT. */
int rk_context_err(rk_context *ctx);

/* ------------------------------------------------------------ event hook */

/* racekit's own record of each happens-before edge it creates, richer than
   ThreadSanitizer's annotations: which operation, which object, which
   sequence number. A race checker uses it to explain a report. */
typedef enum rk_event_kind {
  RK_EV_GO,              /* release: rk_go; obj = NULL, seq = new goid */
  RK_EV_GO_START,        /* acquire: the new goroutine starts */
  RK_EV_CHAN_SEND,       /* release: a send; seq = send number (1-based) */
  RK_EV_CHAN_RECV,       /* acquire: a receive got a value; seq = its send's number */
  RK_EV_CHAN_RECV_SLOT,  /* release: receive k frees a slot (k+C rule); seq = k */
  RK_EV_CHAN_SEND_SLOT,  /* acquire: send k+C completes; seq = k */
  RK_EV_CHAN_CLOSE,      /* release: close */
  RK_EV_CHAN_RECV_CLOSED,/* acquire: receive returned because closed */
  RK_EV_MUTEX_UNLOCK,    /* release */
  RK_EV_MUTEX_LOCK,      /* acquire */
  RK_EV_RWMUTEX_RUNLOCK, /* release (to later writers) */
  RK_EV_RWMUTEX_RLOCK,   /* acquire */
  RK_EV_RWMUTEX_UNLOCK,  /* release */
  RK_EV_RWMUTEX_LOCK,    /* acquire */
  RK_EV_WG_DONE,         /* release */
  RK_EV_WG_WAIT,         /* acquire */
  RK_EV_ONCE_DONE,       /* release: fn returned */
  RK_EV_ONCE_RETURN,     /* acquire: rk_once_do returns */
  RK_EV_CONTEXT_CANCEL,  /* release */
  RK_EV_CONTEXT_DONE     /* acquire: done receive returned because of it */
} rk_event_kind;

typedef struct rk_event {
  rk_event_kind kind;
  bool release;         /* true: release edge; false: acquire edge */
  const void *obj;      /* the channel, mutex, waitgroup, once or context */
  const void *addr;     /* address passed to __tsan_release/__tsan_acquire */
  uint64_t seq;         /* operation number on obj (meaning per kind) */
  long goid;            /* goroutine performing the operation */
  rk_srcloc where;      /* user's call site */
} rk_event;

typedef void (*rk_event_hook)(const rk_event *ev, void *arg);
/* Install a process-wide hook called synchronously at each edge (NULL
   removes it). Additionally, a race checker linked into the process may
   define the function __racekit_event(const rk_event *), which the library
   calls through a weak reference. */
void rk_event_set_hook(rk_event_hook hook, void *arg);
const char *rk_event_kind_name(rk_event_kind kind);

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif /* RACEKIT_RACEKIT_H */
