/* SPDX-License-Identifier: MIT */
/* The log of racekit's synchronization events and the query of a race
 * report: which of them the reporting thread's vector clock knows.
 * DESIGN: records live in a ring of RKC_EVLOG_NCHUNKS chunks mapped on
 * first use (rkc__imap, never malloc); the spin lock `lock` guards the
 * chunk table, the count and every record. Recording is not on the
 * memory-access hot path: it happens once per racekit synchronization
 * operation, next to that operation's own sync-object lock.
 */
#include "events.h"

typedef struct evrec {
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

static rkc__spin lock;
static evrec *chunks[RKC_EVLOG_NCHUNKS]; /* guarded by lock */
static uint64_t count;                   /* guarded by lock: records ever appended */

static evrec *at(uint64_t i) { /* lock held; i < count */
  return &chunks[(i >> RKC_EVLOG_CHUNK_SHIFT) % RKC_EVLOG_NCHUNKS][i & (CHUNK - 1)];
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
  rkc__spin_lock(&lock);
  unsigned c = (unsigned)((count >> RKC_EVLOG_CHUNK_SHIFT) % RKC_EVLOG_NCHUNKS);
  if (!chunks[c])
    chunks[c] = rkc__imap(sizeof(evrec) * CHUNK);
  evrec *e = at(count);
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
  count++;
  rkc__spin_unlock(&lock);
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
  rkc__spin_lock(&lock);
  uint64_t lo = count > RKC_EVLOG_CAP ? count - RKC_EVLOG_CAP : 0;
  for (uint64_t i = count; i > lo && n < max; i--) {
    const evrec *e = at(i - 1);
    uint32_t c = rkc__vc_get(&t->vc, e->slot);
    if (e->epoch > c)
      continue;
    if (e->tid != t->tid && !same_generation(memo, e->slot, c, e->tid))
      continue;
    out[n++] = (rkc_sync_note){.kind = kind_name(e->kind), .obj = e->obj, .seq = e->seq,
                               .goid = e->goid, .file = e->file, .line = e->line};
  }
  rkc__spin_unlock(&lock);
  for (int i = 0, j = n - 1; i < j; i++, j--) { /* oldest first */
    rkc_sync_note tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return n;
}

void rkc__events_fork_lock(void) { rkc__spin_lock(&lock); }
void rkc__events_fork_unlock(void) { rkc__spin_unlock(&lock); }
