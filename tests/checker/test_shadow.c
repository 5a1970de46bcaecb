/* SPDX-License-Identifier: MIT */
/* Unit tests of the checker's shadow memory and FastTrack check
   (instrumentation/shadow.c) driven directly with logical threads: no
   interceptors, no instrumented code. Threads created by `main` from the
   same parent are unordered with each other unless a test orders them. */
#include <criterion/criterion.h>
#include <pthread.h>

#include "depot.h"
#include "shadow.h"
#include "sync.h"

static int nraces;
static rkc__race_info last;

static void collect(const rkc__race_info *ri) {
  nraces++;
  last = *ri;
}

static rkc__thr *root;

static void setup(void) {
  rkc__race_hook = collect;
  nraces = 0;
  root = rkc__thr_new(NULL, RKC_THREAD_PTHREAD, 0);
}

static rkc__thr *spawn(void) { return rkc__thr_new(root, RKC_THREAD_PTHREAD, 0); }

static void wr(rkc__thr *t, void *p, unsigned n) { rkc__access_range(t, (uintptr_t)p, n, RKC_ACC_WRITE, 0x111); }
static void rd(rkc__thr *t, void *p, unsigned n) { rkc__access_range(t, (uintptr_t)p, n, 0, 0x222); }

TestSuite(shadow, .init = setup);

Test(shadow, same_thread_never_races, .timeout = 5) {
  static long x;
  rkc__thr *a = spawn();
  wr(a, &x, 8);
  rd(a, &x, 4);
  wr(a, (char *)&x + 3, 1);
  cr_assert_eq(nraces, 0);
}

Test(shadow, unordered_writes_race_with_both_records, .timeout = 5) {
  static int x;
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &x, 4);
  wr(b, &x, 4);
  cr_assert_eq(nraces, 1);
  cr_assert_eq(last.t, b);
  cr_assert(last.flags & RKC_ACC_WRITE);
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0xFu << ((uintptr_t)&x & 7));
  cr_assert_neq(last.prev_stk, 0, "the previous access has a stack");
  cr_assert_neq(last.cur_stk, 0);
}

Test(shadow, neighbouring_bytes_never_race, .timeout = 5) {
  static _Alignas(8) char w[8];
  rkc__thr *t[8];
  for (int i = 0; i < 8; i++) {
    t[i] = spawn();
    wr(t[i], &w[i], 1);
  }
  for (int i = 0; i < 8; i++)
    rd(t[i], &w[i], 1);
  cr_assert_eq(nraces, 0);
  rkc__thr *u = spawn();
  rd(u, &w[5], 1);
  cr_assert_eq(nraces, 1, "but each byte still races with its writer");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), t[5]->slot);
}

Test(shadow, overlapping_sizes_and_alignments_race, .timeout = 5) {
  static _Alignas(8) char w[16];
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &w[0], 4);
  wr(b, &w[4], 4); /* neighbours */
  cr_assert_eq(nraces, 0);
  wr(b, &w[2], 2); /* overlaps a's bytes 2..3 */
  cr_assert_eq(nraces, 1);
  rkc__thr *c = spawn();
  rd(c, &w[7], 2); /* crosses into the next word: races with b's byte 7 */
  cr_assert_eq(nraces, 2);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
}

Test(shadow, join_orders, .timeout = 5) {
  static int x;
  rkc__thr *a = spawn();
  wr(a, &x, 4);
  rkc__thr_finish(a);
  rkc__thr_join(root, a);
  rkc__thr *b = spawn(); /* created after the join */
  wr(b, &x, 4);
  rd(root, &x, 4);
  cr_assert_eq(nraces, 1, "root joined a, but b's write is unordered with root's read");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
}

Test(shadow, atomics_race_only_with_plain, .timeout = 5) {
  static long x;
  rkc__thr *a = spawn(), *b = spawn(), *c = spawn();
  rkc__access_range(a, (uintptr_t)&x, 8, RKC_ACC_WRITE | RKC_ACC_ATOMIC, 1);
  rkc__access_range(b, (uintptr_t)&x, 8, RKC_ACC_WRITE | RKC_ACC_ATOMIC, 2);
  rkc__access_range(c, (uintptr_t)&x, 8, RKC_ACC_ATOMIC, 3);
  cr_assert_eq(nraces, 0);
  rd(c, &x, 8);
  cr_assert_eq(nraces, 1);
  cr_assert((last.prev_rec & RKC_REC_ATOMIC) != 0);
  cr_assert_eq(last.flags & RKC_ACC_ATOMIC, 0);
}

/* ThreadSanitizer keeps 4 accesses per 8 bytes: a write, eight reads
   ordered after it, then one unordered read is missed there. */
Test(shadow, no_eviction_write_then_many_ordered_reads, .timeout = 5) {
  static int x;
  rkc__thr *w = spawn();
  wr(w, &x, 4);
  for (int i = 0; i < 8; i++) {
    rkc__thr *r = rkc__thr_new(w, RKC_THREAD_PTHREAD, 0); /* ordered after the write */
    rd(r, &x, 4);
  }
  cr_assert_eq(nraces, 0);
  rkc__thr *late = spawn();
  rd(late, &x, 4);
  cr_assert_eq(nraces, 1);
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), w->slot);
}

Test(shadow, read_shared_keeps_every_concurrent_read, .timeout = 5) {
  static int x;
  rkc__thr *r[5];
  for (int i = 0; i < 5; i++) {
    r[i] = spawn();
    rd(r[i], &x, 4);
  }
  /* a writer ordered after reads 0..3 only */
  rkc__thr *w = spawn();
  for (int i = 0; i < 4; i++)
    rkc__vc_join(&w->vc, &r[i]->vc);
  wr(w, &x, 4);
  cr_assert_eq(nraces, 1);
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), r[4]->slot);
}

Test(shadow, cleared_memory_is_new, .timeout = 5) {
  static char block[100];
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, block, sizeof block);
  rkc__shadow_clear((uintptr_t)block, sizeof block);
  wr(b, block, sizeof block);
  rd(b, block + 50, 8);
  cr_assert_eq(nraces, 0);
}

Test(shadow, range_reports_once, .timeout = 5) {
  static char buf[4096];
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, buf, sizeof buf);
  wr(b, buf, sizeof buf);
  cr_assert_eq(nraces, 1, "one racy memcpy is one race");
}

Test(shadow, shadow_grows_with_memory_touched, .timeout = 5) {
  static char far[1 << 20];
  rkc__thr *a = spawn();
  size_t before = rkc__shadow_mapped();
  for (size_t off = 0; off < sizeof far; off += 64 << 10)
    wr(a, far + off, 1);
  size_t grown = rkc__shadow_mapped() - before;
  const size_t leaf = 512 * (sizeof(rkc__cell) + sizeof(rkc__meta)); /* 24 bytes per word */
  cr_assert_eq(leaf, 12288);
  cr_assert_leq(grown, 17 * leaf, "16 pages touched: about 16 leaves of 12 KiB, not 3 MiB");
  cr_assert_geq(grown, 15 * leaf);
}

/* A leaf names up to 15 stacks by index; more distinct stacks on one page
   keep their ids in the cold words. Each race still names the previous
   access's own stack, for writes and for reads. */
static uintptr_t top_pc(uint32_t stk) {
  uintptr_t pcs[4];
  return rkc__depot_get(stk, pcs, 4) >= 1 ? pcs[0] : 0;
}

Test(shadow, every_record_keeps_its_stack_past_the_leaf_table, .timeout = 5) {
  static _Alignas(4096) long page[512];
  enum { N = 40 };
  rkc__thr *a = spawn(), *b = spawn();
  for (int i = 0; i < N; i++) {
    rkc__access_range(a, (uintptr_t)&page[i], 8, RKC_ACC_WRITE, 0x5000 + (uintptr_t)i);
    rkc__access_range(a, (uintptr_t)&page[N + i], 8, 0, 0x6000 + (uintptr_t)i);
  }
  for (int i = 0; i < N; i++) {
    nraces = 0;
    rd(b, &page[i], 8);
    cr_assert_eq(nraces, 1, "word %d", i);
    cr_assert(last.prev_write);
    cr_assert_eq(top_pc(last.prev_stk), 0x5000 + (uintptr_t)i, "write %d: its own stack", i);
    nraces = 0;
    wr(b, &page[N + i], 8);
    cr_assert_eq(nraces, 1, "word %d", N + i);
    cr_assert_not(last.prev_write);
    cr_assert_eq(top_pc(last.prev_stk), 0x6000 + (uintptr_t)i, "read %d: its own stack", i);
  }
}

/* Two reads of one word fit the compact cell (the second in the cold
   word): each is still checked on its own. */
Test(shadow, two_unordered_reads_each_checked, .timeout = 5) {
  static long x, y;
  rkc__thr *r1 = spawn(), *r2 = spawn();
  rkc__access_range(r1, (uintptr_t)&x, 8, 0, 0x7001);
  rkc__access_range(r2, (uintptr_t)&x, 8, 0, 0x7002);
  rkc__access_range(r1, (uintptr_t)&y, 8, 0, 0x7003);
  rkc__access_range(r2, (uintptr_t)&y, 8, 0, 0x7004);
  cr_assert_eq(nraces, 0);
  rkc__thr *w1 = spawn(), *w2 = spawn();
  rkc__vc_join(&w1->vc, &r1->vc); /* ordered after the first reads only */
  rkc__vc_join(&w2->vc, &r2->vc); /* ordered after the second reads only */
  wr(w1, &x, 8);
  cr_assert_eq(nraces, 1);
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), r2->slot);
  cr_assert_eq(top_pc(last.prev_stk), 0x7002);
  wr(w2, &y, 8);
  cr_assert_eq(nraces, 2);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), r1->slot);
  cr_assert_eq(top_pc(last.prev_stk), 0x7003);
}

/* One thread reads the bytes of a word in two epochs (a tokenizer taking
   a lock between words): a writer that knows only the first epoch races
   with the second read's bytes, not the first's. */
Test(shadow, one_threads_reads_in_two_epochs_keep_both_epochs, .timeout = 5) {
  static _Alignas(8) char s[8];
  rkc__thr *a = spawn(), *b = spawn();
  rd(a, &s[0], 1);
  rd(a, &s[1], 3); /* same epoch: joins the first read */
  rkc__vc_join(&b->vc, &a->vc);
  rkc__thr_tick(a);
  rd(a, &s[4], 4);
  rd(a, &s[4], 1); /* same epoch, covered: fast */
  cr_assert_eq(nraces, 0);
  wr(b, &s[0], 4);
  cr_assert_eq(nraces, 0, "the first epoch's reads are ordered before b");
  wr(b, &s[7], 1);
  cr_assert_eq(nraces, 1, "the second epoch's read is not");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0xF0u);
  /* A third thread's read (three reads: out of line) is still checked. */
  rkc__thr *c = spawn();
  rd(c, &s[2], 1);
  cr_assert_eq(nraces, 2, "c's read races with b's write");
  cr_assert(last.prev_write);
}

/* With two reads kept, the thread's next read of the hot read's bytes in
   a later epoch replaces that read only: the other epoch's bytes keep
   theirs. */
static void three_epochs(rkc__thr *a, char *s, rkc__thr *b, rkc__thr *d) {
  rd(a, &s[0], 4);
  rkc__thr_tick(a);
  rd(a, &s[4], 4);
  rkc__vc_join(&b->vc, &a->vc); /* b: the first two epochs */
  rkc__thr_tick(a);
  rd(a, &s[4], 4); /* replaces the hot read of the second epoch */
  rd(a, &s[6], 2); /* same epoch, covered */
  rkc__vc_join(&d->vc, &a->vc); /* d: all three */
}

Test(shadow, two_reads_then_a_later_read_replaces_only_its_own, .timeout = 5) {
  static _Alignas(8) char s[8], u[8];
  rkc__thr *a = spawn(), *b = spawn(), *d = spawn(), *a2 = spawn(), *b2 = spawn(), *d2 = spawn();
  three_epochs(a, s, b, d);
  three_epochs(a2, u, b2, d2);
  cr_assert_eq(nraces, 0);
  wr(b, &s[0], 4);
  cr_assert_eq(nraces, 0, "b knows the first epoch");
  wr(b, &s[6], 1);
  cr_assert_eq(nraces, 1, "b does not know the third");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a->clock);
  wr(d, &s[0], 8);
  cr_assert_eq(nraces, 2, "d knows a's reads, not b's write");
  cr_assert(last.prev_write);
  rkc__thr *g = spawn(); /* knows nothing of a */
  wr(g, &u[1], 1);
  cr_assert_eq(nraces, 3, "the first epoch's read is still kept");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0x0Fu);
}

/* free() of pages nobody touched tags them instead of mapping shadow; the
   free is still a write that races with an unordered later access. */
static void fr(rkc__thr *t, void *p, size_t n) {
  rkc__access_range(t, (uintptr_t)p, n, RKC_ACC_WRITE | RKC_ACC_FREE, 0x8001);
}

Test(shadow, free_of_untouched_pages_maps_no_shadow_and_still_races, .timeout = 5) {
  static _Alignas(4096) char blk[4 * 4096];
  rkc__thr *f = spawn();
  size_t before = rkc__shadow_mapped();
  fr(f, blk, sizeof blk);
  cr_assert_eq(rkc__shadow_mapped(), before, "no leaf for pages never touched");
  cr_assert_eq(nraces, 0);
  rkc__thr *ordered = rkc__thr_new(f, RKC_THREAD_PTHREAD, 0);
  rd(ordered, &blk[5000], 4);
  cr_assert_eq(nraces, 0, "after the free: no race");
  rkc__thr *u = spawn();
  rd(u, &blk[100], 1);
  cr_assert_eq(nraces, 1, "an unordered use of the freed block races with the free");
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), f->slot);
  cr_assert_eq(top_pc(last.prev_stk), 0x8001);
  /* malloc hands out part of the third page, all of the fourth: new memory */
  rkc__shadow_clear((uintptr_t)&blk[2 * 4096], 2048);
  rkc__shadow_clear((uintptr_t)&blk[3 * 4096], 4096);
  rkc__thr *v = spawn();
  rd(v, &blk[2 * 4096 + 8], 8);
  rd(v, &blk[3 * 4096 + 16], 8);
  cr_assert_eq(nraces, 1, "reused memory never races with its previous life");
  rd(v, &blk[2 * 4096 + 3000], 8);
  cr_assert_eq(nraces, 2, "the rest of the third page is still freed");
  /* a second free of a tagged page: checked against the first */
  rkc__thr *g = spawn();
  fr(g, &blk[4096], 4096);
  cr_assert_eq(nraces, 3, "two unordered frees race");
}

/* One thread reads a word's bytes in three epochs (the last two reads of
   its thread packed in the cold word): each read is still checked with
   its own epoch and bytes; a fourth epoch goes out of line, still exact. */
static void three_pieces(rkc__thr *a, char *s, rkc__thr *b) {
  rd(a, &s[0], 2);
  rkc__thr_tick(a);
  rd(a, &s[2], 2);
  rd(a, &s[4], 1); /* joins the second epoch's read */
  rkc__vc_join(&b->vc, &a->vc); /* b: the first two epochs */
  rkc__thr_tick(a);
  rd(a, &s[5], 3);
  rd(a, &s[7], 1); /* same epoch, covered */
}

Test(shadow, one_threads_reads_in_three_epochs_keep_each_epoch, .timeout = 5) {
  static _Alignas(8) char s[8], u[8], v[8];
  rkc__thr *a = spawn(), *b = spawn(), *a2 = spawn(), *b2 = spawn(), *a3 = spawn(), *b3 = spawn();
  three_pieces(a, s, b);
  three_pieces(a2, u, b2);
  three_pieces(a3, v, b3);
  cr_assert_eq(nraces, 0);
  wr(b, &s[0], 5);
  cr_assert_eq(nraces, 0, "b knows the first two epochs");
  wr(b, &s[6], 1);
  cr_assert_eq(nraces, 1, "b does not know the third");
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a->clock);
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0xE0u);
  rkc__thr *g = spawn(); /* knows nothing of a2 */
  wr(g, &u[3], 1);
  cr_assert_eq(nraces, 2, "the second epoch's read is kept");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a2->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a2->clock - 1);
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0x1Cu);
  cr_assert_eq(top_pc(last.prev_stk), 0x222);
  rkc__thr *h = spawn();
  wr(h, &u[1], 1);
  cr_assert_eq(nraces, 3, "the first epoch's read is kept");
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a2->clock - 2);
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0x03u);
  /* the same epoch joins the hot read; a fourth epoch goes out of line */
  rd(a3, &v[0], 1);
  rkc__thr_tick(a3);
  rd(a3, &v[3], 1);
  rkc__thr *k = spawn();
  rkc__vc_join(&k->vc, &b3->vc); /* the first two epochs of a3 */
  wr(k, &v[2], 1);
  cr_assert_eq(nraces, 3, "byte 2: the second epoch only");
  wr(k, &v[0], 1);
  cr_assert_eq(nraces, 4, "byte 0: read again in the third epoch");
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a3->clock - 1);
  wr(k, &v[3], 1);
  cr_assert_eq(nraces, 5, "byte 3: read in the fourth epoch");
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a3->clock);
}

static void wr_at(rkc__thr *t, void *p, unsigned n, uintptr_t pc) {
  rkc__access_range(t, (uintptr_t)p, n, RKC_ACC_WRITE, pc);
}

/* The n-th race so far was with a write at pc, of the bytes mask. */
static void expect_write_race(int n, uintptr_t pc, unsigned mask) {
  cr_assert_eq(nraces, n);
  cr_assert(last.prev_write);
  cr_assert_eq(top_pc(last.prev_stk), pc, "the previous write's own stack");
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), mask);
}

Test(shadow, split_write_names_each_stack, .timeout = 5) {
  static _Alignas(8) int f[2];
  rkc__thr *a = spawn(), *b = spawn();
  wr_at(a, &f[0], 4, 0x333); /* one epoch, two stacks */
  wr_at(a, &f[1], 4, 0x444);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)f);
  cr_assert(c);
  cr_assert_eq(atomic_load(&c->w) & RKC_W_EXT, 0, "16 bytes of shadow: a note, not out of line");
  cr_assert(atomic_load(&c->r) & RKC_R_WSPLIT);
  rd(b, &f[1], 4);
  expect_write_race(1, 0x444, 0xF0u); /* the second field's own write */
  rd(b, &f[0], 4);
  expect_write_race(2, 0x333, 0x0Fu); /* the first field's */
}

Test(shadow, split_write_rejoins_and_keeps_both_stacks_past_a_read, .timeout = 5) {
  static _Alignas(8) short f[4];
  rkc__thr *a = spawn(), *b = spawn();
  wr_at(a, &f[0], 2, 0x333);
  wr_at(a, &f[1], 2, 0x444);
  wr_at(a, &f[2], 2, 0x333); /* joins the first stack's part */
  wr_at(a, &f[3], 2, 0x444); /* joins the note */
  wr_at(a, &f[1], 2, 0x555); /* covered in this epoch: nothing changes */
  rkc__cell *c = rkc__cell_lookup((uintptr_t)f);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->w)), 0xFFu);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->r)), 0xCCu, "the note: f[1] and f[3]");
  rkc__thr *d = spawn();
  wr(d, &f[2], 2);
  cr_assert_eq(nraces, 1);
  cr_assert_eq(top_pc(last.prev_stk), 0x333);
  static _Alignas(8) short g[4];
  rkc__cell *cg = rkc__cell_lookup((uintptr_t)g);
  wr_at(a, &g[0], 2, 0x333);
  wr_at(a, &g[1], 2, 0x444);
  cr_assert(atomic_load(&cg->r) & RKC_R_WSPLIT);
  wr_at(a, g, 6, 0x333); /* six bytes at the first stack: the note goes */
  cr_assert_eq(atomic_load(&cg->r), 0);
  wr_at(a, &g[3], 2, 0x444);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&cg->r)), 0xC0u, "a new note: g[3]");
  rkc__thr_tick(a);
  rkc__vc_join(&b->vc, &a->vc); /* b is ordered after a's writes */
  rd(b, &g[3], 2);
  cr_assert_eq(nraces, 1);
  cr_assert_eq(atomic_load(&cg->w) & RKC_W_EXT, 0, "compact: the second write in the cold word");
  cr_assert(atomic_load(&cg->r) & RKC_R_TWO);
  rkc__thr *e = spawn(); /* ordered after neither a nor b */
  wr(e, &g[3], 2);
  expect_write_race(2, 0x444, 0xC0u); /* an ordered read kept the second stack's write */
  wr(e, &g[0], 2);
  expect_write_race(3, 0x333, 0x3Fu); /* and the first's */
}

/* Bytes of one thread's write of this epoch written again at the other
   stack, with new bytes (else the write covers them and nothing changes),
   move to that stack; each race names the stack that last wrote its
   bytes. */
Test(shadow, split_write_bytes_move_between_the_two_stacks, .timeout = 5) {
  static _Alignas(8) char s[8];
  rkc__thr *a = spawn();
  wr_at(a, s, 2, 0x333);
  wr_at(a, &s[2], 2, 0x444);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)s);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->w)), 0x0Fu);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->r)), 0x0Cu, "the note: s[2..3]");
  wr_at(a, &s[1], 4, 0x444); /* s[1] to the note, s[4] new */
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->r)), 0x1Eu);
  wr_at(a, &s[3], 3, 0x333); /* s[3..4] back to the first stack, s[5] new */
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->r)), 0x06u);
  cr_assert(atomic_load(&c->r) & RKC_R_WSPLIT);
  wr_at(a, &s[1], 6, 0x333); /* every byte of the note: it goes */
  cr_assert_eq(atomic_load(&c->r), 0);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->w)), 0x7Fu);
  wr_at(a, &s[7], 1, 0x444);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->r)), 0x80u, "a new note: s[7]");
  rkc__thr *b = spawn();
  rd(b, &s[2], 1);
  expect_write_race(1, 0x333, 0x7Fu);
  rkc__thr *d = spawn();
  rd(d, &s[7], 1);
  expect_write_race(2, 0x444, 0x80u);
}

/* Readers in turn, each ordered after the last, replace the hot read of a
   word whose split write went to two records: the second write stays in
   the cold word, and the last read is the one kept. */
Test(shadow, ordered_readers_in_turn_keep_both_writes_of_a_split_write, .timeout = 5) {
  static _Alignas(8) short h[4];
  rkc__thr *a = spawn();
  wr_at(a, h, 6, 0x333);
  wr_at(a, &h[3], 2, 0x444); /* a note: the split write */
  rkc__thr *r[3];
  for (int i = 0; i < 3; i++) {
    r[i] = rkc__thr_new(i ? r[i - 1] : a, RKC_THREAD_PTHREAD, 0); /* after a's writes and the last read */
    rd(r[i], h, 8);
    rkc__thr_tick(r[i]);
  }
  rkc__cell *c = rkc__cell_lookup((uintptr_t)h);
  cr_assert(atomic_load(&c->r) & RKC_R_TWO, "the second write in the cold word");
  cr_assert_eq(RKC_REC_SLOT(atomic_load(&c->r)), r[2]->slot, "the last reader's read is the hot one");
  cr_assert_eq(nraces, 0);
  rkc__thr *e = spawn(); /* ordered after nothing */
  wr(e, &h[3], 2);
  expect_write_race(1, 0x444, 0xC0u);
  rkc__thr *f = rkc__thr_new(a, RKC_THREAD_PTHREAD, 0); /* after a's writes, not the reads */
  wr(f, h, 2);
  cr_assert_eq(nraces, 2);
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), r[2]->slot);
}

static void awr(rkc__thr *t, void *p, unsigned n) {
  rkc__access_range(t, (uintptr_t)p, n, RKC_ACC_WRITE | RKC_ACC_ATOMIC, 0x666);
}

Test(shadow, unordered_atomic_writes_stay_out_of_line_and_kept, .timeout = 5) {
  static long x;
  rkc__thr *a = spawn(), *b = spawn();
  for (int i = 0; i < 100; i++) { /* two threads' relaxed RMWs, alternating */
    awr(a, &x, 8);
    rkc__thr_tick(a);
    awr(b, &x, 8);
    rkc__thr_tick(b);
  }
  cr_assert_eq(nraces, 0, "atomics never race with atomics");
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert(rkc__w_expanded(atomic_load(&c->w)), "two threads' atomic writes: out of line");
  cr_assert_eq(atomic_load(&c->r), 0, "no read: no hot read");
  rkc__thr *d = spawn();
  rkc__vc_join(&d->vc, &b->vc); /* ordered after b's stores, not a's */
  wr(d, &x, 8);
  cr_assert_eq(nraces, 1, "a plain write after b's atomics races with a's");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert(last.prev_write);

  static long y;
  awr(a, &y, 8);
  awr(b, &y, 8);
  cr_assert(rkc__w_expanded(atomic_load(&rkc__cell_lookup((uintptr_t)&y)->w)));
  rkc__thr *g = spawn();
  rkc__vc_join(&g->vc, &b->vc); /* again after b's store only */
  rd(g, &y, 8);
  cr_assert_eq(nraces, 2, "so does a plain read, beside the two writes");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
}

Test(shadow, two_readers_in_turn_stay_compact, .timeout = 5) {
  static long x;
  rkc__thr *a = spawn(), *b = spawn();
  for (int i = 0; i < 100; i++) { /* each reads in a new epoch, in turn */
    rd(a, &x, 8);
    rkc__thr_tick(a);
    rd(b, &x, 8);
    rkc__thr_tick(b);
  }
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert_eq(atomic_load(&c->w) & RKC_W_EXT, 0, "two reads: compact");
  cr_assert(atomic_load(&c->r) & RKC_R_TWO);
  rkc__thr *d = spawn();
  rkc__vc_join(&d->vc, &a->vc); /* ordered after a's reads, not b's */
  wr(d, &x, 8);
  cr_assert_eq(nraces, 1);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), b->clock - 1, "b's last read");
}

Test(shadow, ordered_write_replaces_two_reads, .timeout = 5) {
  static long x;
  rkc__thr *a = spawn(), *b = spawn();
  rd(a, &x, 8);
  rd(b, &x, 8);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert(atomic_load(&c->r) & RKC_R_TWO);
  rkc__thr *d = spawn();
  rkc__vc_join(&d->vc, &a->vc);
  rkc__vc_join(&d->vc, &b->vc);
  wr(d, &x, 8); /* ordered after both reads: replaces them */
  cr_assert_eq(nraces, 0);
  cr_assert_eq(atomic_load(&c->r), 0);
  cr_assert_eq(RKC_REC_SLOT(atomic_load(&c->w)), d->slot);
  rkc__thr *e = spawn();
  rkc__vc_join(&e->vc, &a->vc); /* knows a, not d */
  rd(e, &x, 8);
  cr_assert_eq(nraces, 1, "the write stays: a read unordered with it races");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), d->slot);
}

/* Four threads reading a word in turn, each in every epoch: FastTrack's
   read-shared state, out of line, updated in place (rkc__ext_update). Each
   reader's entry follows its epoch, so a writer ordered after all but
   the last read of one reader races with exactly that read. */
Test(shadow, readers_in_turn_out_of_line_follow_their_epochs, .timeout = 5) {
  static long x;
  rkc__thr *w = spawn();
  wr(w, &x, 8);
  rkc__thr *r[4];
  for (int i = 0; i < 4; i++)
    r[i] = rkc__thr_new(w, RKC_THREAD_PTHREAD, 0); /* ordered after the write */
  rkc__vc snap = {0};
  for (int round = 0; round < 50; round++) {
    for (int i = 0; i < 4; i++) {
      rd(r[i], &x, 8);
      rd(r[i], &x, 4); /* the same epoch: nothing new */
      if (round == 48 && i == 2)
        rkc__vc_copy(&snap, &r[2]->vc); /* r[2] as of this read */
      rkc__thr_tick(r[i]);
    }
  }
  cr_assert_eq(nraces, 0);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert(atomic_load(&c->w) & RKC_W_EXT, "four concurrent reads: out of line");
  rkc__thr *d = spawn();
  rkc__vc_join(&d->vc, &w->vc);
  rkc__vc_join(&d->vc, &r[0]->vc);
  rkc__vc_join(&d->vc, &r[1]->vc);
  rkc__vc_join(&d->vc, &r[3]->vc);
  rkc__vc_join(&d->vc, &snap); /* r[2]'s read of round 48, not of round 49 */
  wr(d, &x, 8);
  cr_assert_eq(nraces, 1);
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), r[2]->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), r[2]->clock - 1, "r[2]'s last read, not an older one");
  rkc__vc_free(&snap);
}

/* A reader of an out-of-line word rewrites its own entry in place only
   when no other entry loses bytes to its read: a read ordered after every
   other reader supersedes them all, and the word becomes compact again. */
Test(shadow, out_of_line_read_ordered_after_the_others_makes_the_word_compact, .timeout = 5) {
  static long x;
  rkc__thr *r[3];
  for (int i = 0; i < 3; i++)
    r[i] = spawn();
  for (int round = 0; round < 2; round++) {
    for (int i = 0; i < 3; i++) {
      rd(r[i], &x, 8); /* three unordered readers: out of line */
      rkc__thr_tick(r[i]);
    }
  }
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert(rkc__w_expanded(atomic_load(&c->w)));
  rkc__vc_join(&r[0]->vc, &r[1]->vc);
  rkc__vc_join(&r[0]->vc, &r[2]->vc);
  rd(r[0], &x, 8); /* ordered after the other two reads */
  cr_assert_not(rkc__w_expanded(atomic_load(&c->w)), "one read left: compact");
  cr_assert_eq(nraces, 0);
  rkc__thr *d = spawn();
  wr(d, &x, 8);
  cr_assert_eq(nraces, 1);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), r[0]->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), r[0]->clock);

  /* Unordered readers: each rewrites its own entry, the word stays out of
     line, and a write ordered after a reader's older read only races with
     its newer one. */
  static long y;
  rkc__thr *u[3];
  for (int i = 0; i < 3; i++) {
    u[i] = spawn();
    rd(u[i], &y, 8);
  }
  rkc__vc old = {0};
  rkc__vc_copy(&old, &u[1]->vc);
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < 3; i++) {
      rkc__thr_tick(u[i]);
      rd(u[i], &y, 8);
      rd(u[i], &y, 2); /* the same epoch: covered */
    }
  }
  c = rkc__cell_lookup((uintptr_t)&y);
  cr_assert(rkc__w_expanded(atomic_load(&c->w)));
  cr_assert_eq(nraces, 1);
  rkc__thr *e = spawn();
  rkc__vc_join(&e->vc, &u[0]->vc);
  rkc__vc_join(&e->vc, &u[2]->vc);
  rkc__vc_join(&e->vc, &old); /* u[1]'s first read only */
  wr(e, &y, 8);
  cr_assert_eq(nraces, 2);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), u[1]->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), u[1]->clock, "u[1]'s last read");
  rkc__vc_free(&old);
}

/* Out of line, a reader's bytes in two epochs stay two entries; an atomic
   load beside plain reads is one more entry, never merged with them. */
Test(shadow, out_of_line_reads_keep_bytes_and_kinds_apart, .timeout = 5) {
  static long x;
  rkc__thr *r[3];
  for (int i = 0; i < 3; i++)
    r[i] = spawn();
  for (int i = 0; i < 3; i++)
    rd(r[i], &x, 8); /* three unordered readers: out of line */
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert(atomic_load(&c->w) & RKC_W_EXT);
  rkc__thr_tick(r[0]);
  rd(r[0], &x, 4); /* r[0] again, low half only: its old high half stays */
  rkc__thr_tick(r[1]);
  rkc__access_range(r[1], (uintptr_t)&x, 8, RKC_ACC_ATOMIC, 0x333); /* kept beside r[1]'s plain read */
  cr_assert_eq(nraces, 0);
  rkc__thr *d = spawn();
  for (int i = 0; i < 3; i++)
    rkc__vc_join(&d->vc, &r[i]->vc);
  rkc__thr_tick(r[0]);
  rkc__thr_tick(r[1]);
  wr(d, &x, 8); /* ordered after every read */
  cr_assert_eq(nraces, 0);
  rkc__thr *e = spawn(); /* ordered after nothing: races with d's write only */
  wr(e, (char *)&x + 4, 4);
  cr_assert_eq(nraces, 1);
  cr_assert(last.prev_write);

  static long y;
  rkc__thr *s[3];
  for (int i = 0; i < 3; i++) {
    s[i] = spawn();
    rd(s[i], &y, 8);
  }
  rkc__vc old = {0};
  rkc__vc_copy(&old, &s[0]->vc);
  rkc__thr_tick(s[0]);
  rd(s[0], &y, 4); /* low half in a new epoch; the high half's read stays at the old one */
  rkc__thr *f = spawn();
  rkc__vc_join(&f->vc, &old); /* s[0]'s first read, not its second */
  rkc__vc_join(&f->vc, &s[1]->vc);
  rkc__vc_join(&f->vc, &s[2]->vc);
  wr(f, (char *)&y + 4, 4); /* high half: ordered after every read of it */
  cr_assert_eq(nraces, 1, "no new race");
  wr(f, &y, 4); /* low half: s[0]'s second read is unordered */
  cr_assert_eq(nraces, 2);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), s[0]->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), s[0]->clock);
  rkc__vc_free(&old);

  static long z;
  rkc__thr *u[3];
  for (int i = 0; i < 3; i++) {
    u[i] = spawn();
    rd(u[i], &z, 8);
  }
  rkc__thr_tick(u[1]);
  rkc__access_range(u[1], (uintptr_t)&z, 8, RKC_ACC_ATOMIC, 0x333);
  rkc__thr *g = spawn();
  rkc__vc_join(&g->vc, &u[0]->vc);
  rkc__vc_join(&g->vc, &u[2]->vc);
  rkc__access_range(g, (uintptr_t)&z, 8, RKC_ACC_WRITE | RKC_ACC_ATOMIC, 0x444);
  cr_assert_eq(nraces, 3, "an atomic store races with u[1]'s plain read, kept beside its atomic load");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), u[1]->slot);
  cr_assert_eq(last.prev_rec & RKC_REC_ATOMIC, 0);
}

/* Two threads storing to and loading from an atomic word in turn (a flag,
   a slot of a ring): two writes and two reads, out of line, updated in
   place. Atomics never race with atomics, but each thread's last store
   and last load are kept for the plain accesses that come after. */
Test(shadow, atomic_word_stored_and_loaded_in_turn, .timeout = 5) {
  static long x;
  const int st = RKC_ACC_WRITE | RKC_ACC_ATOMIC, ld = RKC_ACC_ATOMIC;
  rkc__thr *a = spawn(), *b = spawn();
  rkc__vc sb = {0};
  uint32_t b_store = 0, b_load = 0;
  for (int round = 0; round < 30; round++) {
    rkc__access_range(a, (uintptr_t)&x, 8, st, 0x501);
    rkc__access_range(b, (uintptr_t)&x, 8, st, 0x502);
    b_store = b->clock;
    rkc__vc_copy(&sb, &b->vc); /* b as of its store */
    rkc__thr_tick(b);
    rkc__access_range(a, (uintptr_t)&x, 8, ld, 0x503);
    rkc__access_range(b, (uintptr_t)&x, 8, ld, 0x504);
    b_load = b->clock;
    rkc__thr_tick(a);
    rkc__thr_tick(b);
  }
  rkc__access_range(a, (uintptr_t)&x, 8, st, 0x501); /* keeps b's last store and load */
  cr_assert_eq(nraces, 0, "atomics never race with atomics");
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert(atomic_load(&c->w) & RKC_W_EXT, "two writes and two reads: out of line");

  rkc__thr *d = spawn();
  rkc__vc_join(&d->vc, &a->vc);
  rkc__vc_join(&d->vc, &sb); /* b's last store, not its last load */
  rd(d, &x, 8); /* ordered after every store: no race */
  cr_assert_eq(nraces, 0);
  rkc__thr *e = spawn();
  rkc__vc_join(&e->vc, &d->vc);
  wr(e, &x, 8); /* races with b's last load only */
  cr_assert_eq(nraces, 1);
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), b_load);
  cr_assert(last.prev_rec & RKC_REC_ATOMIC);

  rkc__thr *f = spawn();
  rkc__vc_join(&f->vc, &a->vc); /* not b: b's last store is unordered */
  static long y;
  for (int round = 0; round < 5; round++) {
    rkc__access_range(a, (uintptr_t)&y, 8, st, 0x501);
    rkc__access_range(b, (uintptr_t)&y, 8, st, 0x502);
    b_store = b->clock;
    rkc__access_range(a, (uintptr_t)&y, 8, ld, 0x503);
    rkc__access_range(b, (uintptr_t)&y, 8, ld, 0x504);
    rkc__thr_tick(a);
    rkc__thr_tick(b);
  }
  rkc__access_range(a, (uintptr_t)&y, 8, st, 0x501); /* keeps b's last store */
  rkc__vc_join(&f->vc, &a->vc);
  rd(f, &y, 8);
  cr_assert_eq(nraces, 2, "a plain read races with the other thread's atomic store");
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), b_store);
  rkc__vc_free(&sb);
}

/* Atomic accesses to an out-of-line word rewrite its entries in place
   (shadow.c, ext_atomic): a write appended before the reads moves them
   up, dropped entries move the rest down. Each of three words gets the
   same history, then one plain probe, so that each entry is seen with
   its thread, epoch and stack. */
static void atomic_history(rkc__thr *a, rkc__thr *b, rkc__thr *c, long *x, uint32_t clk[3]) {
  const int st = RKC_ACC_WRITE | RKC_ACC_ATOMIC, ld = RKC_ACC_ATOMIC;
  rkc__access_range(a, (uintptr_t)x, 8, ld, 0x701); /* [| a's load] */
  rkc__access_range(b, (uintptr_t)x, 8, ld, 0x702); /* [| a's load, b's load] */
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)x, 8, st, 0x703); /* a's load dropped: [a's store | b's load] */
  clk[0] = a->clock;
  rkc__thr_tick(b);
  rkc__access_range(b, (uintptr_t)x, 8, ld, 0x704); /* b's first load dropped: [a's store | b's load] */
  clk[1] = b->clock;
  rkc__access_range(c, (uintptr_t)x, 8, st, 0x705); /* [a's store, c's store | b's load] */
  clk[2] = c->clock;
}

/* A new thread ordered after x and y writes (or reads) *p: the n-th
   race so far, with prev's access (a write or not) at clock and pc. */
static void probe_after(rkc__thr *x, rkc__thr *y, long *p, bool write, int n, bool prev_write,
                        const rkc__thr *prev, uint32_t clock, uintptr_t pc) {
  rkc__thr *t = spawn();
  rkc__vc_join(&t->vc, &x->vc);
  rkc__vc_join(&t->vc, &y->vc);
  if (write)
    wr(t, p, 8);
  else
    rd(t, p, 8);
  cr_assert_eq(nraces, n);
  cr_assert_eq(last.prev_write, prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), prev->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), clock);
  cr_assert_eq(top_pc(last.prev_stk), pc);
}

Test(shadow, atomic_entries_rewritten_in_place_keep_each_record, .timeout = 5) {
  static long x[3];
  rkc__thr *a = spawn(), *b = spawn(), *c = spawn();
  uint32_t clk[3][3]; /* per word: a's store, b's later load, c's store */
  for (int i = 0; i < 3; i++)
    atomic_history(a, b, c, &x[i], clk[i]);
  cr_assert_eq(nraces, 0, "atomics never race with atomics");
  for (int i = 0; i < 3; i++)
    cr_assert(rkc__w_expanded(atomic_load(&rkc__cell_lookup((uintptr_t)&x[i])->w)));

  /* a plain access after two of the threads: races with the third's entry */
  probe_after(a, c, &x[0], true, 1, false, b, clk[0][1], 0x704); /* b's later load, not its first */
  probe_after(b, c, &x[1], false, 2, true, a, clk[1][0], 0x703);
  probe_after(a, b, &x[2], false, 3, true, c, clk[2][2], 0x705);

  /* a store joining its own entry drops another: the reads move down */
  static long y;
  const int st = RKC_ACC_WRITE | RKC_ACC_ATOMIC, ld = RKC_ACC_ATOMIC;
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)&y, 8, st, 0x703);
  rkc__access_range(b, (uintptr_t)&y, 8, ld, 0x704);
  const uint32_t b_load = b->clock;
  rkc__access_range(c, (uintptr_t)&y, 8, st, 0x705); /* [a's store, c's store | b's load] */
  rkc__vc_join(&a->vc, &c->vc); /* a acquires c's store, in the same epoch */
  rkc__access_range(a, (uintptr_t)&y, 8, st, 0x703); /* joins a's store: [a's store | b's load] */
  cr_assert_eq(nraces, 3);
  probe_after(a, a, &y, true, 4, false, b, b_load, 0x704); /* after a (and so c): b's load only */
}

/* What a thread writes while it is the only one running, before it
   creates another, is ordered before every later thread (the horizon,
   thread.h): forgotten. A word one thread then reads in three epochs
   keeps its reads in the hot cell (the earlier two packed in the hot
   write word), each still checked with its own epoch, bytes and stack. */
Test(shadow, reads_in_three_epochs_after_the_horizon_stay_in_the_hot_cell, .timeout = 5) {
  static _Alignas(8) char s[8];
  wr(root, s, 8);         /* root runs alone */
  rkc__thr *a = spawn();  /* so this write is before the horizon now */
  rkc__thr *b = spawn();  /* b knows root's past, none of a's */
  rkc__access_range(a, (uintptr_t)&s[0], 2, 0, 0x301);
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)&s[2], 2, 0, 0x302);
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)&s[4], 2, 0, 0x303);
  cr_assert_eq(nraces, 0);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)s);
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  cr_assert(w & RKC_W_EXT);
  cr_assert(w & RKC_HPACK_BITS, "the earlier reads are packed in the hot write word");
  cr_assert_eq(atomic_load_explicit(&c->r, memory_order_relaxed) & ~RKC_REC_SIDX,
               a->ep | (uint64_t)0x30 << 48, "the hot read is the last one");
  for (unsigned k = 0; k < 3; k++) {
    wr(b, &s[2 * k + 1], 1);
    cr_assert_eq(nraces, (int)k + 1, "b's write of byte %u races with a's read of epoch %u", 2 * k + 1, k);
    cr_assert_not(last.prev_write);
    cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
    cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a->clock - 2 + k);
    cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0x3u << (2 * k));
    cr_assert_eq(top_pc(last.prev_stk), 0x301 + k);
  }
  /* root's write is gone: a thread created by b (which knows root's
     past) writes the untouched bytes without a race */
  rkc__thr *d = rkc__thr_new(b, RKC_THREAD_PTHREAD, 0);
  wr(d, &s[6], 2);
  cr_assert_eq(nraces, 3);
}

/* A thread that finished without anyone synchronizing with it is not
   behind the horizon when the creator, alone again, creates another. */
Test(shadow, horizon_leaves_what_the_creator_does_not_know, .timeout = 5) {
  static long x, y;
  rkc__thr *a = spawn();
  wr(a, &x, 8);
  rkc__thr *j = spawn();
  wr(j, &y, 8);
  rkc__thr_finish(a); /* nobody joins a */
  rkc__thr_finish(j);
  rkc__thr_join(root, j);
  rkc__thr *b = spawn(); /* root runs alone again */
  wr(b, &y, 8);
  cr_assert_eq(nraces, 0, "j was joined");
  wr(b, &x, 8);
  cr_assert_eq(nraces, 1, "a was not");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
}

/* With reads packed in the hot write word: the thread's next bytes of the
   epoch join the hot read (a byte loop), and a write ordered after every
   read and covering their bytes replaces them all (free() of a text); a
   write covering only some keeps the others. */
static void packed_three(rkc__thr *a, char *s) {
  rd(a, &s[0], 1);
  rkc__thr_tick(a);
  rd(a, &s[1], 1);
  rkc__thr_tick(a);
  for (unsigned i = 2; i < 6; i++)
    rkc__access_range(a, (uintptr_t)&s[i], 1, 0, 0x401); /* one site, one epoch */
  rkc__thr_tick(a);
}

Test(shadow, packed_reads_joined_then_replaced_by_an_ordered_write, .timeout = 5) {
  static _Alignas(8) char s[8], u[8];
  wr(root, s, 8);
  wr(root, u, 8);
  rkc__thr *a = spawn(); /* root's writes are before the horizon */
  rkc__thr *b = spawn(), *p = spawn();
  rkc__thr *g = spawn(), *h = spawn(); /* know nothing of a */
  packed_three(a, s);
  packed_three(a, u);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)s);
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  cr_assert(w & RKC_HPACK_BITS, "the first two epochs packed");
  cr_assert_eq(RKC_REC_MASK(atomic_load_explicit(&c->r, memory_order_relaxed)), 0x3Cu,
               "the byte loop joined the hot read");
  rkc__vc_join(&b->vc, &a->vc);
  rkc__vc_join(&p->vc, &a->vc);
  wr(b, &s[0], 8);
  cr_assert_eq(nraces, 0, "b is ordered after every read");
  w = atomic_load_explicit(&c->w, memory_order_relaxed);
  cr_assert_not(w & RKC_W_EXT, "the write replaced the packed reads");
  cr_assert_eq(RKC_REC_SLOT(w), b->slot);
  cr_assert_eq(atomic_load_explicit(&c->r, memory_order_relaxed), 0);
  wr(g, &s[3], 1);
  cr_assert_eq(nraces, 1, "g races with b's write");
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
  wr(p, &u[2], 6); /* ordered after the reads, not covering bytes 0 and 1 */
  cr_assert_eq(nraces, 1);
  wr(h, &u[1], 1);
  cr_assert_eq(nraces, 2, "the second epoch's read of byte 1 is kept");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a->clock - 2);
  wr(h, &u[0], 1);
  cr_assert_eq(nraces, 3, "and the first epoch's of byte 0");
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), a->clock - 3);
}

/* The fast path's miss of a byte read (rkc__miss_read1, as __tsan_read1
   calls it): the thread's next bytes of the epoch at the same site join
   its read, with the hot write word holding packed reads; a byte another
   thread wrote meanwhile is not joined but checked, and its race
   reported; another site's byte is a second record. */
Test(shadow, byte_loop_misses_join_the_read_unless_written, .timeout = 5) {
  static _Alignas(8) char s[8];
  wr(root, s, 8);
  rkc__thr *a = spawn(), *b = spawn(), *d = spawn();
  rd(a, &s[0], 1);
  rkc__thr_tick(a); /* the next epoch: the first read is packed */
  rkc__access_range(a, (uintptr_t)&s[1], 1, 0, 0x501); /* the site's stack index, memoized */
  rkc__cell *c = rkc__cell_lookup((uintptr_t)s);
  cr_assert(atomic_load(&c->w) & RKC_HPACK_BITS);
  for (unsigned i = 2; i < 4; i++)
    rkc__miss_read1(a, c, (uintptr_t)&s[i], (uint64_t)1 << (48 + i), 0x501);
  cr_assert_eq(nraces, 0);
  cr_assert_eq(RKC_REC_MASK(atomic_load(&c->r)), 0x0Eu, "bytes 1-3 joined");
  cr_assert(atomic_load(&c->w) & RKC_HPACK_BITS, "the packed read stays");
  wr(b, &s[4], 1); /* unordered with a, of another byte */
  cr_assert_eq(nraces, 0);
  rkc__miss_read1(a, c, (uintptr_t)&s[4], (uint64_t)1 << 52, 0x501);
  cr_assert_eq(nraces, 1, "a's read of b's byte is checked");
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
  rkc__miss_read1(a, c, (uintptr_t)&s[5], (uint64_t)1 << 53, 0x502);
  wr(d, &s[5], 1);
  cr_assert_eq(nraces, 2);
  cr_assert_eq(top_pc(last.prev_stk), 0x502, "the other site's read, at its own line");
  wr(d, &s[2], 1);
  cr_assert_eq(nraces, 3);
  cr_assert_eq(top_pc(last.prev_stk), 0x501, "the joined bytes, at the loop's");
}

/* A thread's reads of an out-of-line word at other lines of one epoch skip
   the word's lock and entries (its entry of the epoch stands for them),
   but not once the word is new memory: the thread's read of the new word
   is recorded and checked. */
Test(shadow, reads_of_one_epoch_at_other_lines_then_the_word_is_new, .timeout = 5) {
  static long x;
  rkc__thr *a = spawn(), *b = spawn(), *c = spawn(), *g = spawn(), *d = spawn();
  rd(a, &x, 8);
  rd(b, &x, 8);
  rd(c, &x, 8);
  cr_assert(rkc__w_expanded(atomic_load(&rkc__cell_lookup((uintptr_t)&x)->w)), "three readers: out of line");
  rkc__access_range(a, (uintptr_t)&x, 8, 0, 0x777); /* a's epoch, another line */
  cr_assert_eq(nraces, 0);
  rkc__vc_join(&a->vc, &b->vc); /* b and c release to a: their epochs end, a's does not */
  rkc__vc_join(&a->vc, &c->vc);
  rkc__thr_tick(b);
  rkc__thr_tick(c);
  rkc__cur = a;
  rkc__shadow_clear((uintptr_t)&x, 8); /* a frees x: new memory */
  rkc__cur = NULL;
  rd(b, &x, 8);
  rd(c, &x, 8);
  rd(g, &x, 8);
  cr_assert(rkc__w_expanded(atomic_load(&rkc__cell_lookup((uintptr_t)&x)->w)));
  rd(a, &x, 8); /* still a's epoch: a read of the new word all the same */
  rkc__vc_join(&d->vc, &b->vc); /* d: after b, c and g, not a */
  rkc__vc_join(&d->vc, &c->vc);
  rkc__vc_join(&d->vc, &g->vc);
  wr(d, &x, 8);
  cr_assert_eq(nraces, 1, "d's write races with a's read of the new word");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
}

/* A read of a word whose write is before the horizon drops that write:
   the word's later reads skip its check. The read itself stays. */
Test(shadow, read_drops_a_write_before_the_horizon, .timeout = 5) {
  static long x;
  wr(root, &x, 8);
  rkc__thr *a = spawn(); /* root's write is before the horizon now */
  rkc__thr *b = spawn();
  rd(a, &x, 8);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  cr_assert_eq(atomic_load(&c->w) & ~RKC_W_FLAGS, 0, "the write is gone");
  cr_assert_eq(RKC_REC_SLOT(atomic_load(&c->r)), a->slot);
  wr(b, &x, 8);
  cr_assert_eq(nraces, 1, "b's write races with a's read");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
}

/* fork: a cell that a thread, gone in the child, held locked in the middle
   of an update is unlocked, its records kept, and the child's accesses to
   the word go through. */
Test(shadow, fork_child_unlocks_cells_left_locked, .timeout = 5) {
  static long x, y;
  rkc__thr *a = spawn();
  wr(a, &x, 8);
  wr(a, &y, 8);
  rkc__cell *c = rkc__cell_lookup((uintptr_t)&x);
  const uint64_t w = atomic_load(&c->w);
  atomic_store(&c->w, w | RKC_W_LOCK); /* a thread caught at the fork */
  rkc__shadow_after_fork_child();
  cr_assert_eq(atomic_load(&c->w), w, "unlocked, the record kept");
  cr_assert_eq(atomic_load(&rkc__cell_lookup((uintptr_t)&y)->w) & RKC_W_LOCK, 0);
  rkc__thr *b = spawn();
  wr(b, &x, 8); /* would wait forever on the lock bit */
  cr_assert_eq(nraces, 1);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
}

/* The instrumented access path (rkc__access1): a site's accesses to one
   page after its first ones take the leanest own update (shadow.c,
   own_lean), which must leave every word that is not all this thread's
   own to the general paths. */
static void rd1(rkc__thr *t, void *p, unsigned n) { rkc__access1(t, (uintptr_t)p, n, 0, 0x333); }
static void wr1(rkc__thr *t, void *p, unsigned n) { rkc__access1(t, (uintptr_t)p, n, RKC_ACC_WRITE, 0x444); }

Test(shadow, site_loop_over_a_page_checks_each_word, .timeout = 5) {
  static _Alignas(4096) long v[16];
  rkc__thr *a = spawn(), *b = spawn();
  wr(a, &v[5], 8);
  wr(a, &v[12], 8);
  rd(a, &v[14], 8);
  for (int i = 0; i < 8; i++)
    rd1(b, &v[i], 8);
  cr_assert_eq(nraces, 1, "b's read of v[5] races with a's write");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert(last.prev_write);
  for (int i = 8; i < 16; i++)
    wr1(b, &v[i], 8);
  cr_assert_eq(nraces, 3, "b's writes of v[12] (a's write) and v[14] (a's read) too");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert_not(last.prev_write);
  rkc__thr_tick(b);
  for (int i = 0; i < 16; i++)
    rd1(a, &v[i], 8);
  cr_assert_eq(nraces, 11, "a's reads of v[8..15] race with b's writes");
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), b->slot);
}

Test(shadow, site_loop_in_a_new_epoch_keeps_the_bytes_it_does_not_read, .timeout = 5) {
  static _Alignas(4096) long v[8];
  rkc__thr *a = spawn(), *b = spawn();
  for (int i = 0; i < 8; i++)
    rd1(a, &v[i], 8);
  rkc__thr_tick(a);
  for (int i = 0; i < 8; i++)
    rd1(a, &v[i], 4); /* the low half: the high half's read of the first epoch stays */
  cr_assert_eq(nraces, 0);
  wr(b, (char *)&v[6] + 4, 4);
  cr_assert_eq(nraces, 1, "b's write races with a's first read of those bytes");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert_eq(RKC_REC_MASK(last.prev_rec), 0xF0u);
}

/* Out-of-line blocks change hands while threads update them without the
   cell's lock (rkc__ext_update: a block found through the thread's memo
   is locked only if its owner word still names the cell). Two threads'
   atomic writes keep words A out of line; a third thread clears A (their
   blocks go back to the free list) and makes words B go out of line
   (three readers) and back (a write ordered after them), so blocks move
   between A and B words. A block updated through a stale memo would put
   an atomic write into a B word, whose write then races with it: no race
   may be reported. With the owner check taken out (ext_lock_if), this
   test crashed in 10 runs of 10. */
enum { XW = 8, XROUNDS = 200000 };
static _Alignas(64) long xa[XW], xb[XW];
static rkc__thr *xthr[6];
static atomic_int xraces;
static atomic_bool xdone;
static atomic_uint xops[2]; /* each atomics thread's writes so far */

static void xcount(const rkc__race_info *ri) {
  (void)ri;
  atomic_fetch_add(&xraces, 1);
}

static void *xatomics(void *arg) {
  rkc__thr *t = xthr[(intptr_t)arg];
  for (unsigned k = 0; !atomic_load_explicit(&xdone, memory_order_relaxed); k++) {
    awr(t, &xa[k % XW], 8);
    rkc__thr_tick(t);
    atomic_store_explicit(&xops[(intptr_t)arg], k + 1, memory_order_relaxed);
  }
  return NULL;
}

static void *xchurn(void *arg) {
  (void)arg;
  rkc__thr *c = xthr[2], *d = xthr[3], *e = xthr[4], *f = xthr[5];
  /* until both atomics threads have made XROUNDS writes meanwhile */
  for (unsigned k = 0; k < XROUNDS || atomic_load(&xops[0]) < XROUNDS || atomic_load(&xops[1]) < XROUNDS;
       k++) {
    long *b = &xb[k % XW];
    rd(c, b, 8);
    rd(d, b, 8);
    rd(e, b, 8); /* three unordered readers: out of line */
    rkc__vc_join(&f->vc, &c->vc);
    rkc__vc_join(&f->vc, &d->vc);
    rkc__vc_join(&f->vc, &e->vc);
    wr(f, b, 8); /* ordered after them: compact again, its block freed */
    rkc__thr_tick(c);
    rkc__thr_tick(d);
    rkc__thr_tick(e);
    rkc__vc_join(&c->vc, &f->vc);
    rkc__vc_join(&d->vc, &f->vc);
    rkc__vc_join(&e->vc, &f->vc);
    rkc__thr_tick(f);
    if (k % 4 == 0)
      rkc__shadow_clear((uintptr_t)&xa[(k / 4) % XW], sizeof(long));
  }
  atomic_store(&xdone, true);
  return NULL;
}

Test(shadow, blocks_change_hands_under_lockless_updates, .timeout = 30) {
  rkc__race_hook = xcount;
  for (int i = 0; i < 6; i++)
    xthr[i] = spawn();
  pthread_t th[3];
  cr_assert_eq(pthread_create(&th[0], NULL, xatomics, (void *)0), 0);
  cr_assert_eq(pthread_create(&th[1], NULL, xatomics, (void *)1), 0);
  cr_assert_eq(pthread_create(&th[2], NULL, xchurn, NULL), 0);
  for (int i = 0; i < 3; i++)
    cr_assert_eq(pthread_join(th[i], NULL), 0);
  cr_assert_eq(atomic_load(&xraces), 0, "no race: blocks kept their own words' entries");
  for (int i = 0; i < XW; i++) { /* both threads' writes of each A word stay */
    awr(xthr[0], &xa[i], 8);
    awr(xthr[1], &xa[i], 8);
    cr_assert(rkc__w_expanded(atomic_load(&rkc__cell_lookup((uintptr_t)&xa[i])->w)), "out of line");
  }
  rkc__thr *g = spawn();
  rkc__vc_join(&g->vc, &xthr[0]->vc); /* after a's writes, not b's */
  rd(g, &xa[3], 8);
  cr_assert_eq(atomic_load(&xraces), 1, "a plain read after a's atomic writes races with b's");
}

/* Deferred atomic records (shadow.c, ext_deferred): a thread whose entry
   in an all-atomic word is marked keeps its later atomic records in its
   memo. A plain access, a finished thread and a memo moving to another
   word each bring the latest record into the block: c, which knows a
   only up to its marked store, races with a's last store, at its stack. */
enum { ST = RKC_ACC_WRITE | RKC_ACC_ATOMIC, LD = RKC_ACC_ATOMIC };

/* a's and b's unordered stores make w out of line; a's second store
   marks a's entry; returns a's clock there; a's third store (0x903), in
   a's next epoch, is deferred. */
static uint32_t defer_store(rkc__thr *a, rkc__thr *b, long *w) {
  rkc__access_range(a, (uintptr_t)w, 8, ST, 0x901);
  rkc__access_range(b, (uintptr_t)w, 8, ST, 0x902);
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)w, 8, ST, 0x901);
  const uint32_t marked = a->clock;
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)w, 8, ST, 0x903);
  cr_assert_eq(nraces, 0, "atomics never race with atomics");
  return marked;
}

/* A thread that knows a up to clock `upto` and all of b. */
static rkc__thr *knowing(rkc__thr *a, uint32_t upto, rkc__thr *b) {
  rkc__thr *c = spawn();
  rkc__vc_join(&c->vc, &b->vc);
  if (rkc__vc_get(&c->vc, a->slot) < upto)
    rkc__vc_set(&c->vc, a->slot, upto);
  return c;
}

static void assert_race_with_deferred(const rkc__thr *a, uint32_t marked) {
  cr_assert_eq(nraces, 1, "a's deferred store races");
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), marked + 1, "the latest store, not the marked one");
  cr_assert_eq(top_pc(last.prev_stk), 0x903, "the deferred store's stack");
}

Test(shadow, deferred_atomic_record_seen_by_a_plain_access, .timeout = 5) {
  static long w;
  rkc__thr *a = spawn(), *b = spawn();
  const uint32_t marked = defer_store(a, b, &w);
  rkc__thr *c = knowing(a, marked, b);
  rd(c, &w, 8);
  assert_race_with_deferred(a, marked);
  rkc__thr *d = knowing(a, marked + 1, b);
  rd(d, &w, 8);
  cr_assert_eq(nraces, 1, "a thread that knows the deferred store does not race");
}

Test(shadow, deferred_atomic_record_written_back_when_its_thread_finishes, .timeout = 5) {
  static long w;
  rkc__thr *a = spawn(), *b = spawn();
  const uint32_t marked = defer_store(a, b, &w);
  rkc__thr_finish(a);
  rkc__thr *c = knowing(a, marked, b);
  wr(c, &w, 8);
  assert_race_with_deferred(a, marked);
}

Test(shadow, deferred_atomic_record_written_back_when_the_memo_moves, .timeout = 5) {
  static _Alignas(4096) long page[512];
  long *w = &page[0], *v = &page[RKC_XMEMO]; /* one memo entry of a's */
  rkc__thr *a = spawn(), *b = spawn();
  const uint32_t marked = defer_store(a, b, w);
  rkc__access_range(a, (uintptr_t)v, 8, ST, 0x904);
  rkc__access_range(b, (uintptr_t)v, 8, ST, 0x905); /* v out of line */
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)v, 8, ST, 0x906); /* a's memo entry now v's */
  rkc__thr *c = knowing(a, marked, b);
  wr(c, w, 8);
  cr_assert_eq(nraces, 1, "a's deferred store races");
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), marked + 1, "the latest store, not the marked one");
}

/* Loads too; and a store and a load of one thread are two records. */
Test(shadow, deferred_atomic_loads_and_stores_of_one_thread, .timeout = 5) {
  static long w;
  rkc__thr *a = spawn(), *b = spawn();
  const uint32_t marked = defer_store(a, b, &w);
  rkc__access_range(a, (uintptr_t)&w, 8, LD, 0x907);
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)&w, 8, LD, 0x908); /* marks the load */
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)&w, 8, LD, 0x909); /* deferred */
  const uint32_t load = a->clock;
  rkc__thr *c = knowing(a, load - 1, b);
  rd(c, &w, 8);
  cr_assert_eq(nraces, 0, "c knows the store: a read races with no load");
  wr(c, &w, 8);
  cr_assert_eq(nraces, 1, "a's last load races with c's write");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), load);
  cr_assert_eq(top_pc(last.prev_stk), 0x909);
  (void)marked;
}

/* Plain reads defer too, in a word whose writes are all ordered before
   the reader: a write brings the latest read in, and the reader's next
   read meets the write. */
static uint32_t defer_read(rkc__thr *a, rkc__thr *b, rkc__thr *d, long *w) {
  rkc__access_range(a, (uintptr_t)w, 8, 0, 0x911);
  rkc__access_range(b, (uintptr_t)w, 8, 0, 0x912);
  rkc__access_range(d, (uintptr_t)w, 8, 0, 0x912); /* three readers: out of line */
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)w, 8, 0, 0x911); /* marks a's read */
  const uint32_t marked = a->clock;
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)w, 8, 0, 0x913); /* deferred */
  cr_assert_eq(nraces, 0, "reads never race with reads");
  return marked;
}

Test(shadow, deferred_plain_read_seen_by_a_write, .timeout = 5) {
  static long w;
  wr(root, &w, 8);
  rkc__thr *a = spawn(), *b = spawn(), *d = spawn();
  const uint32_t marked = defer_read(a, b, d, &w);
  rkc__thr *c = knowing(a, marked, b);
  rkc__vc_join(&c->vc, &d->vc);
  wr(c, &w, 8);
  cr_assert_eq(nraces, 1, "a's deferred read races");
  cr_assert_not(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), a->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), marked + 1, "the latest read, not the marked one");
  cr_assert_eq(top_pc(last.prev_stk), 0x913);
}

/* c wrote w after every read; a's next read races with that write. */
static void next_read_meets_write_of(rkc__thr *a, long *w, const rkc__thr *c) {
  cr_assert_eq(nraces, 0);
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)w, 8, 0, 0x913);
  cr_assert_eq(nraces, 1, "a's next read races with c's write");
  cr_assert(last.prev_write);
  cr_assert_eq(RKC_REC_SLOT(last.prev_rec), c->slot);
  cr_assert_eq(RKC_REC_CLOCK(last.prev_rec), c->clock);
}

Test(shadow, deferred_plain_read_meets_a_later_write, .timeout = 5) {
  static long w;
  wr(root, &w, 8);
  rkc__thr *a = spawn(), *b = spawn(), *d = spawn();
  const uint32_t marked = defer_read(a, b, d, &w);
  rkc__thr *c = knowing(a, marked + 1, b);
  rkc__vc_join(&c->vc, &d->vc);
  wr(c, &w, 8); /* after every read: no race */
  next_read_meets_write_of(a, &w, c);
}

/* An atomic store locking the block ends a plain reader's deferral: the
   reader's next read meets it. */
Test(shadow, deferred_plain_read_meets_a_later_atomic_store, .timeout = 5) {
  static long w;
  wr(root, &w, 8);
  rkc__thr *a = spawn(), *b = spawn(), *d = spawn(), *c = spawn();
  rkc__access_range(c, (uintptr_t)&w, 4, ST, 0x914);
  rkc__thr *readers[] = {a, b, d};
  for (int i = 0; i < 3; i++)
    rkc__vc_join(&readers[i]->vc, &c->vc);
  for (int i = 0; i < 3; i++)
    rkc__access_range(readers[i], (uintptr_t)&w, 8, 0, 0x911); /* after c's store; out of line */
  for (int i = 0; i < 3; i++)
    rkc__vc_join(&c->vc, &readers[i]->vc);
  rkc__thr_tick(c);
  /* c's memo of w (its store below locks the block by it); other bytes
     than that store's, so that the store keeps this load's entry */
  rkc__access_range(c, (uintptr_t)&w + 4, 4, LD, 0x915); /* (the block grows) */
  rkc__thr_tick(c);
  rkc__access_range(c, (uintptr_t)&w + 4, 4, LD, 0x915);
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)&w, 8, 0, 0x911); /* marks a's read */
  rkc__thr_tick(a);
  rkc__access_range(a, (uintptr_t)&w, 8, 0, 0x913); /* deferred */
  rkc__vc_join(&c->vc, &a->vc);
  rkc__thr_tick(c);
  rkc__access_range(c, (uintptr_t)&w, 4, ST, 0x914); /* after every read: no race */
  next_read_meets_write_of(a, &w, c);
}
