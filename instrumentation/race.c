/* SPDX-License-Identifier: MIT */
/* Turns what the access check found (rkc__race_info) into a fully
 * described rkc_race for the reporting side: both stacks from the depot,
 * both threads with their creation stacks, and the location (heap block,
 * thread stack, or unknown for the symbolizer to try globals), and the
 * racekit sync events the current thread's clock knows (events.c).
 */
#include "heap.h"
#include "shadow.h"

#include "depot.h"
#include "events.h"

typedef struct bufs {
  uintptr_t cur[RKC_MAX_FRAMES], prev[RKC_MAX_FRAMES], cur_cr[RKC_MAX_FRAMES], prev_cr[RKC_MAX_FRAMES],
      alloc[RKC_MAX_FRAMES], freed[RKC_MAX_FRAMES];
  rkc_sync_note sync[RKC_SYNC_NOTES_MAX];
} bufs;

/* The outermost frame of a logical thread's shadow stack is the return
   address into whatever called its entry function without instrumentation
   (libc's start of main, the runtime's pthread trampoline, racekit's
   goroutine runner): not the program's, so it is dropped, as TSan does. */
static void fill_stack(rkc_stack *s, uint32_t id, uintptr_t *buf) {
  s->pcs = buf;
  uintptr_t tmp[RKC_MAX_FRAMES + 1];
  int n = rkc__depot_get(id, tmp, RKC_MAX_FRAMES + 1);
  if (n >= 2 && n <= RKC_MAX_FRAMES)
    n--; /* whole stack: drop its outermost frame */
  else if (n > RKC_MAX_FRAMES)
    n = RKC_MAX_FRAMES;
  for (int i = 0; i < n; i++)
    buf[i] = tmp[i];
  s->n = n;
}

static void fill_thread(rkc_thread_desc *out, int tid, uintptr_t *buf) {
  rkc__tdesc *d = rkc__tdesc_get(tid);
  out->tid = tid;
  out->parent_tid = -1;
  out->created_at = (rkc_stack){buf, 0};
  if (!d) {
    out->kind = RKC_THREAD_PTHREAD;
    return;
  }
  out->kind = d->kind;
  out->goid = d->goid;
  out->running = atomic_load_explicit(&d->running, memory_order_relaxed);
  out->parent_tid = d->parent_tid;
  out->os_tid = d->os_tid;
  fill_stack(&out->created_at, d->create_stk, buf);
}

static void find_location(uintptr_t a, rkc_location *loc, bufs *b) {
  rkc__block blk;
  if (rkc__heap_find(a, &blk)) {
    loc->kind = RKC_LOC_HEAP;
    loc->block = blk.start;
    loc->block_size = blk.size;
    loc->alloc_tid = blk.alloc_tid;
    fill_stack(&loc->alloc_stack, blk.alloc_stk, b->alloc);
    loc->freed = blk.freed;
    loc->free_tid = blk.free_tid;
    if (blk.freed)
      fill_stack(&loc->free_stack, blk.free_stk, b->freed);
    return;
  }
  int n = rkc__tdesc_count();
  int dead = -1;
  for (int tid = n - 1; tid >= 0; tid--) {
    rkc__tdesc *d = rkc__tdesc_get(tid);
    if (d && d->stk_hi && a >= d->stk_lo && a < d->stk_hi) {
      if (atomic_load_explicit(&d->running, memory_order_relaxed)) {
        loc->kind = RKC_LOC_STACK;
        loc->stack_tid = tid;
        return;
      }
      if (dead < 0)
        dead = tid;
    }
  }
  if (dead >= 0) {
    loc->kind = RKC_LOC_STACK;
    loc->stack_tid = dead;
    return;
  }
  loc->kind = RKC_LOC_UNKNOWN;
}

static void on_race(const rkc__race_info *ri) {
  static RKC_TLS bufs *tb; /* per-thread scratch; reports may run on many threads */
  if (!tb)
    tb = rkc__ialloc(sizeof *tb);
  bufs *b = tb;
  rkc_race r;
  rkc__bzero(&r, sizeof r);
  r.cur.addr = ri->addr;
  r.cur.size = ri->size;
  r.cur.write = ri->flags & RKC_ACC_WRITE;
  r.cur.atomic = ri->flags & RKC_ACC_ATOMIC;
  fill_stack(&r.cur.stack, ri->cur_stk, b->cur);
  fill_thread(&r.cur.thread, ri->t->tid, b->cur_cr);

  unsigned pm = RKC_REC_MASK(ri->prev_rec);
  unsigned off = pm ? (unsigned)__builtin_ctz(pm) : 0;
  unsigned psize = pm ? (unsigned)__builtin_popcount(pm) : 1;
  r.prev.addr = (ri->addr & ~(uintptr_t)7) + off;
  r.prev.size = psize;
  r.prev.write = ri->prev_write;
  r.prev.atomic = (ri->prev_rec & RKC_REC_ATOMIC) != 0;
  fill_stack(&r.prev.stack, ri->prev_stk, b->prev);
  /* A previous record without a stack was half-erased: clearing the shadow
     of a block being (re)allocated does not take each word's lock, so a
     concurrent access to the freed memory can leave a record whose stack id
     the clear zeroed. That access belongs to a racy use of freed memory,
     which the block's other words report with both stacks; a report with
     one stack missing would break the promise of both stacks always. */
  if (r.prev.stack.n == 0)
    return;
  int ptid = rkc__slot_tid(RKC_REC_SLOT(ri->prev_rec), RKC_REC_CLOCK(ri->prev_rec));
  fill_thread(&r.prev.thread, ptid, b->prev_cr);

  find_location(ri->addr, &r.loc, b);
  r.ncur_sync = rkc__events_known(ri->t, b->sync, RKC_SYNC_NOTES_MAX);
  r.cur_sync = r.ncur_sync ? b->sync : NULL;
  rkc_report_race(&r);
}

RKC_HIDDEN void rkc__race_init(void);
void rkc__race_init(void) { rkc__race_hook = on_race; }
