/* SPDX-License-Identifier: MIT */
/* The log of racekit's synchronization events and the query of a race
 * report: which of them the reporting thread's vector clock knows.
 * DESIGN: records live in a ring of RKC_EVLOG_NCHUNKS chunks mapped on
 * first use (rkc__imap, never malloc). A writer takes its record's index
 * from the count with one atomic add (no lock: every racekit channel
 * operation records an event, and a global lock there serialized all
 * goroutines) and stamps the record when it is complete; a reader (a
 * race report) takes a record only if its stamp names its index before
 * and after the copy (a sequence lock per record). Only a writer stalled
 * for a whole lap of the ring (262144 events) between taking its index
 * and stamping could share a record with the next lap's writer: a wrong
 * note in a report, never a crash (every field is a value or a pointer
 * to static data).
 */
#include "events.h"

typedef struct evrec {
  _Atomic uint64_t stamp; /* index + 1 once complete; 0 while written */
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

enum { CHUNK = 1 << RKC_EVLOG_CHUNK_SHIFT };

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
  const uint64_t i = atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
  evrec *e = at(i, true);
  /* A sequence lock's write (a record of the previous lap may be in it):
     unstamped, then the fields, then stamped. */
  atomic_store_explicit(&e->stamp, 0, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
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
  int n = 0;
  const uint64_t end = atomic_load_explicit(&count, memory_order_relaxed);
  const uint64_t lo = end > RKC_EVLOG_CAP ? end - RKC_EVLOG_CAP : 0;
  for (uint64_t i = end; i > lo && n < max; i--) {
    evrec *p = at(i - 1, false);
    if (!p)
      continue;
    /* HB acquire; pairs with the stamp's release in rkc__events_record. */
    if (atomic_load_explicit(&p->stamp, memory_order_acquire) != i)
      continue; /* being written, or already the next lap's */
    evrec e;
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
    uint32_t c = rkc__vc_get(&t->vc, e.slot);
    if (e.epoch > c)
      continue;
    if (e.tid != t->tid && !same_generation(memo, e.slot, c, e.tid))
      continue;
    out[n++] = (rkc_sync_note){.kind = kind_name(e.kind), .obj = e.obj, .seq = e.seq,
                               .goid = e.goid, .file = e.file, .line = e.line};
  }
  for (int i = 0, j = n - 1; i < j; i++, j--) { /* oldest first */
    rkc_sync_note tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return n;
}

