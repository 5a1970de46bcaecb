/* SPDX-License-Identifier: MIT */
/* The log of racekit's synchronization events (the library's
 * __racekit_event hook), for the `sync` list of a race report: which
 * happens-before edges the reporting thread's vector clock knows.
 * DESIGN: one global log of compact records, each stamped with the
 * performing thread's slot, tid and its own clock at the edge (its epoch).
 * Event e is known to thread t when e.epoch <= t.vc[e.slot] and that entry
 * of t's clock belongs to e's generation of the slot. The log keeps the
 * most recent RKC_EVLOG_CAP events (a ring of mmap'd chunks); older ones
 * are forgotten.
 */
#ifndef RACEKIT_INSTRUMENTATION_EVENTS_H
#define RACEKIT_INSTRUMENTATION_EVENTS_H

#include "thread.h"

#include "racekit/racekit.h"

enum {
  RKC_EVLOG_CHUNK_SHIFT = 14, /* 16384 records per chunk */
  RKC_EVLOG_NCHUNKS = 8,      /* ring of chunks: 131072 records, 8 MiB at most */
  RKC_EVLOG_CAP = RKC_EVLOG_NCHUNKS << RKC_EVLOG_CHUNK_SHIFT,
  RKC_SYNC_NOTES_MAX = 16     /* events listed in a report */
};

/* Append ev, performed by t (called from __racekit_event after the
   library's __tsan_release/__tsan_acquire of the same edge). Thread-safe
   without a lock (a fork while a record is written leaves it unstamped
   in the child: never listed); never allocates through malloc. */
RKC_HIDDEN void rkc__events_record(rkc__thr *t, const rk_event *ev);

/* The last (at most max) logged events known to t's vector clock, oldest
   first, into out. Returns how many. The strings point to the program's
   static source-location data and to constant names. Report path. */
RKC_HIDDEN int rkc__events_known(const rkc__thr *t, rkc_sync_note *out, int max);

#endif /* RACEKIT_INSTRUMENTATION_EVENTS_H */
