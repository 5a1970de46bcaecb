/* SPDX-License-Identifier: MIT */
/* The log of racekit's synchronization events and the query of a race
 * report: which of them the reporting thread's vector clock knows.
 * DESIGN: records live in a ring of RKC_EVLOG_NCHUNKS chunks mapped on
 * first use (rkc__imap, never malloc). A thread reserves indices EV_BATCH
 * at a time with one atomic add on the count (no lock: every racekit
 * channel operation records an event, and a global lock there, then the
 * count alone, was what goroutines waited for) and stamps each record
 * when it is complete; a reader (a race report) takes a record only if
 * its stamp names its index before and after the copy (a sequence lock
 * per record). Indices are no longer in time order: records carry the
 * time stamp counter, and a report scans the whole ring for the latest
 * known ones. A reservation older than EV_BATCH_AGE cycles is dropped
 * if the count has gone half a lap past it (unused indices are never
 * stamped), so no record is written a lap of the ring late; a writer
 * stalled between taking an index and stamping (a signal) could still
 * share a record with the next lap's: a wrong note in a report, never a
 * crash (every field is a value or a pointer to static data).
 */
#include "events.h"

typedef struct evrec {
  _Atomic uint64_t stamp; /* index + 1 once complete; 0 while written */
  uint64_t when;          /* the time stamp counter at the recording */
  uint32_t epoch;   /* the performer's own clock at the edge */
  int32_t tid;      /* the performer's checker tid (its slot generation) */
  uint16_t slot;    /* the performer's slot (< RKC_MAX_SLOTS) */
  uint8_t kind;     /* rk_event_kind */
  uint8_t release;
  int32_t line;
  const void *obj;
  uint64_t seq;
  long goid;
  const char *file; /* the program's static __FILE__ string */
} evrec;

enum { CHUNK = 1 << RKC_EVLOG_CHUNK_SHIFT, EV_BATCH = 16 };
#define EV_BATCH_AGE 1000000ull /* cycles: a third of a millisecond at 3 GHz */
_Static_assert(sizeof(struct evrec) == 64, "one record per cache line");

static _Atomic(evrec *) chunks[RKC_EVLOG_NCHUNKS]; /* set once (CAS), never unmapped */
static _Atomic uint64_t count;                      /* records ever appended (or being) */

/* Record i's place, its chunk mapped if map (else NULL when it is not). */
static evrec *at(uint64_t i, bool map) {
  _Atomic(evrec *) *cp = &chunks[(i >> RKC_EVLOG_CHUNK_SHIFT) % RKC_EVLOG_NCHUNKS];
  /* HB acquire; pairs with the CAS below: the chunk's zeroed pages. */
  evrec *c = atomic_load_explicit(cp, memory_order_acquire);
  if (!c && map) {
    evrec *n = rkc__imap(sizeof(evrec) * CHUNK);
    if (atomic_compare_exchange_strong_explicit(cp, &c, n, memory_order_acq_rel, memory_order_acquire))
      c = n;
    else
      rkc__iunmap(n, sizeof(evrec) * CHUNK);
  }
  return c ? &c[i & (CHUNK - 1)] : NULL;
}

/* The names of racekit's rk_event_kind_name(), kept here so that the
   runtime does not depend on the library. */
static const char *kind_name(unsigned k) {
  static const char *const names[] = {
      [RK_EV_GO] = "go",
      [RK_EV_GO_START] = "go start",
      [RK_EV_CHAN_SEND] = "chan send",
      [RK_EV_CHAN_RECV] = "chan receive",
      [RK_EV_CHAN_RECV_SLOT] = "chan receive (slot)",
      [RK_EV_CHAN_SEND_SLOT] = "chan send (slot)",
      [RK_EV_CHAN_CLOSE] = "chan close",
      [RK_EV_CHAN_RECV_CLOSED] = "chan receive (closed)",
      [RK_EV_MUTEX_UNLOCK] = "Mutex.Unlock",
      [RK_EV_MUTEX_LOCK] = "Mutex.Lock",
      [RK_EV_RWMUTEX_RUNLOCK] = "RWMutex.RUnlock",
      [RK_EV_RWMUTEX_RLOCK] = "RWMutex.RLock",
      [RK_EV_RWMUTEX_UNLOCK] = "RWMutex.Unlock",
      [RK_EV_RWMUTEX_LOCK] = "RWMutex.Lock",
      [RK_EV_WG_DONE] = "WaitGroup.Done",
      [RK_EV_WG_WAIT] = "WaitGroup.Wait",
      [RK_EV_ONCE_DONE] = "Once.Do (fn returned)",
      [RK_EV_ONCE_RETURN] = "Once.Do",
      [RK_EV_CONTEXT_CANCEL] = "context cancel",
      [RK_EV_CONTEXT_DONE] = "context done",
  };
  return k < sizeof names / sizeof names[0] && names[k] ? names[k] : "unknown";
}

void rkc__events_record(rkc__thr *t, const rk_event *ev) {
  /* The library calls the hook after the edge itself: a release
     (rkc__release, a thread creation) has already ticked the performer's
     clock, so the clock it published is one less. An acquire does not
     tick: the current clock is the one a later release will publish. */
  uint32_t ep = t->clock;
  if (ev->release && ep > 0)
    ep--;
  const uint64_t now = __builtin_ia32_rdtsc();
  if (t->ev_next != t->ev_end && now - t->ev_when > EV_BATCH_AGE) {
    /* An old reservation: kept while far from a lap behind the count
       (a thread whose events are rare wastes no indices), else dropped. */
    if (atomic_load_explicit(&count, memory_order_relaxed) - t->ev_next < RKC_EVLOG_CAP / 2)
      t->ev_when = now;
    else
      t->ev_next = t->ev_end;
  }
  if (t->ev_next == t->ev_end) {
    t->ev_next = atomic_fetch_add_explicit(&count, EV_BATCH, memory_order_relaxed);
    t->ev_end = t->ev_next + EV_BATCH;
    t->ev_when = now;
  }
  const uint64_t i = t->ev_next++;
  evrec *e = at(i, true);
  /* A sequence lock's write (a record of the previous lap may be in it):
     unstamped, then the fields, then stamped. */
  atomic_store_explicit(&e->stamp, 0, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  e->when = now;
  e->epoch = ep;
  e->tid = t->tid;
  e->slot = (uint16_t)t->slot;
  e->kind = (uint8_t)ev->kind;
  e->release = ev->release;
  e->line = ev->where.line;
  e->obj = ev->obj;
  e->seq = ev->seq;
  e->goid = ev->goid;
  e->file = ev->where.file;
  /* HB release; pairs with the acquire in rkc__events_known. */
  atomic_store_explicit(&e->stamp, i + 1, memory_order_release);
}

/* Does the clock entry c of slot belong to the generation `tid`? A slot's
   clock is monotonic across generations and a slot is normally reused
   only by a thread whose creator knew the old generation's last clock, so
   an older generation's event below c would be known too; but past
   RKC_SLOT_SOFT_LIMIT slots that is not guaranteed (thread.h), so older
   generations are conservatively left out. Memoized per slot. */
typedef struct gen_memo {
  uint32_t slot, clock;
  int tid; /* -2: empty */
} gen_memo;

static bool same_generation(gen_memo *m, uint32_t slot, uint32_t c, int tid) {
  gen_memo *g = &m[slot & 31];
  if (g->tid == -2 || g->slot != slot || g->clock != c) {
    g->slot = slot;
    g->clock = c;
    g->tid = rkc__slot_tid(slot, c);
  }
  return g->tid == tid;
}

int rkc__events_known(const rkc__thr *t, rkc_sync_note *out, int max) {
  gen_memo memo[32];
  for (int i = 0; i < 32; i++)
    memo[i].tid = -2;
  /* The latest max known records by time stamp, kept sorted (oldest
     first) in out, their stamps in when[]. */
  uint64_t when[RKC_SYNC_NOTES_MAX];
  if (max > RKC_SYNC_NOTES_MAX)
    max = RKC_SYNC_NOTES_MAX;
  int n = 0;
  const uint64_t end = atomic_load_explicit(&count, memory_order_relaxed);
  const uint64_t lo = end > RKC_EVLOG_CAP ? end - RKC_EVLOG_CAP : 0;
  for (uint64_t i = end; i > lo; i--) {
    evrec *p = at(i - 1, false);
    if (!p)
      continue;
    /* HB acquire; pairs with the stamp's release in rkc__events_record. */
    if (atomic_load_explicit(&p->stamp, memory_order_acquire) != i)
      continue; /* reserved, being written, or already the next lap's */
    evrec e;
    e.when = p->when;
    e.epoch = p->epoch;
    e.tid = p->tid;
    e.slot = p->slot;
    e.kind = p->kind;
    e.line = p->line;
    e.obj = p->obj;
    e.seq = p->seq;
    e.goid = p->goid;
    e.file = p->file;
    atomic_thread_fence(memory_order_acquire); /* the copy before the second look */
    if (atomic_load_explicit(&p->stamp, memory_order_relaxed) != i)
      continue;
    if (n == max && e.when <= when[0])
      continue; /* older than every one kept */
    uint32_t c = rkc__vc_get(&t->vc, e.slot);
    if (e.epoch > c)
      continue;
    if (e.tid != t->tid && !same_generation(memo, e.slot, c, e.tid))
      continue;
    int k = n;
    if (n == max) { /* the oldest kept goes */
      for (int j = 1; j < n; j++) {
        out[j - 1] = out[j];
        when[j - 1] = when[j];
      }
      k = n - 1;
    } else {
      n++;
    }
    while (k > 0 && when[k - 1] > e.when) { /* insertion, oldest first */
      out[k] = out[k - 1];
      when[k] = when[k - 1];
      k--;
    }
    out[k] = (rkc_sync_note){.kind = kind_name(e.kind), .obj = e.obj, .seq = e.seq,
                             .goid = e.goid, .file = e.file, .line = e.line};
    when[k] = e.when;
  }
  return n;
}

