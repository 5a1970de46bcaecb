/* SPDX-License-Identifier: MIT */
/* The default report layout, that of `go run -race`, for C: each frame is
 * `  func()` then `      file:line:column +0xOFF`; racekit adds the
 * column and a ThreadSanitizer-style location line, which Go's layout
 * lacks. Example in docs/REPORTS.md.
 */
#include "format.h"

#include <stdio.h>

static void thread_name(const rkc_thread_desc *t, char *buf, size_t n) {
  switch (t->kind) {
  case RKC_THREAD_MAIN:
    snprintf(buf, n, "main goroutine");
    break;
  case RKC_THREAD_GOROUTINE:
    snprintf(buf, n, "goroutine %ld", t->goid);
    break;
  case RKC_THREAD_PTHREAD:
  case RKC_THREAD_FIBER:
  default:
    snprintf(buf, n, "thread T%d", t->tid);
    break;
  }
}

/* A thread known only by its id (heap allocation and free). */
static void tid_name(const rkc__srace *s, int tid, char *buf, size_t n) {
  if (tid == s->race->cur.thread.tid)
    thread_name(&s->race->cur.thread, buf, n);
  else if (tid == s->race->prev.thread.tid)
    thread_name(&s->race->prev.thread, buf, n);
  else if (tid == 0)
    snprintf(buf, n, "main goroutine");
  else
    snprintf(buf, n, "thread T%d", tid);
}

static void stack(rkc__tbuf *o, const rkc__xstack *x) {
  if (x->n == 0) {
    rkc__tbuf_puts(o, "  <no stack recorded>\n");
    return;
  }
  for (int i = 0; i < x->n; i++) {
    const rkc__frame *f = x->f[i];
    rkc__tbuf_putf(o, "  %s()\n", f->function ? f->function : "??");
    if (f->file) {
      rkc__tbuf_putf(o, "      %s:%d", rkc__display_path(f->file), f->line);
      if (f->column)
        rkc__tbuf_putf(o, ":%d", f->column);
      if (f->has_func_off)
        rkc__tbuf_putf(o, " +0x%lx", (unsigned long)f->func_off);
      rkc__tbuf_putc(o, '\n');
    } else if (f->module) {
      rkc__tbuf_putf(o, "      ?? (%s+0x%lx)\n", f->module, (unsigned long)f->module_off);
    } else {
      rkc__tbuf_putf(o, "      ?? (0x%lx)\n", (unsigned long)f->pc);
    }
  }
}

static const char *mop(bool first, const rkc_access *a) {
  if (first)
    return a->atomic ? (a->write ? "Atomic write" : "Atomic read") : (a->write ? "Write" : "Read");
  return a->atomic ? (a->write ? "Previous atomic write" : "Previous atomic read")
                   : (a->write ? "Previous write" : "Previous read");
}

static void access(rkc__tbuf *o, const rkc__colors *c, bool first, const rkc_access *a, const rkc__xstack *x) {
  char name[64];
  thread_name(&a->thread, name, sizeof name);
  rkc__tbuf_putf(o, "%s%s at 0x%012lx by %s:%s\n", c->access, mop(first, a), (unsigned long)a->addr, name,
                 c->reset);
  stack(o, x);
}

static void creation(rkc__tbuf *o, const rkc__colors *c, const rkc_thread_desc *t, const rkc__xstack *x) {
  if (t->kind == RKC_THREAD_MAIN)
    return;
  const char *state = t->running ? "running" : "finished";
  rkc__tbuf_putc(o, '\n');
  if (t->kind == RKC_THREAD_GOROUTINE)
    rkc__tbuf_putf(o, "%sGoroutine %ld (%s) created at:%s\n", c->thread, t->goid, state, c->reset);
  else
    rkc__tbuf_putf(o, "%sThread T%d (%s) created at:%s\n", c->thread, t->tid, state, c->reset);
  stack(o, x);
}

void rkc__format_go(const rkc__srace *s, rkc__tbuf *o, const rkc__colors *c) {
  const rkc_race *r = s->race;
  char name[64];
  rkc__tbuf_puts(o, "==================\n");
  rkc__tbuf_putf(o, "%sWARNING: DATA RACE%s\n", c->warn, c->reset);
  access(o, c, true, &r->cur, &s->cur);
  rkc__tbuf_putc(o, '\n');
  access(o, c, false, &r->prev, &s->prev);
  if (r->loc.kind == RKC_LOC_HEAP) {
    tid_name(s, r->loc.alloc_tid, name, sizeof name);
    rkc__tbuf_putf(o, "\n%sLocation is heap block of size %zu at 0x%012lx allocated by %s:%s\n", c->loc,
                   r->loc.block_size, (unsigned long)r->loc.block, name, c->reset);
    stack(o, &s->alloc);
    if (r->loc.freed) {
      tid_name(s, r->loc.free_tid, name, sizeof name);
      rkc__tbuf_putf(o, "\n%sBlock was freed by %s:%s\n", c->loc, name, c->reset);
      stack(o, &s->freed);
    }
  } else if (r->loc.kind == RKC_LOC_STACK) {
    tid_name(s, r->loc.stack_tid, name, sizeof name);
    rkc__tbuf_putf(o, "\n%sLocation is stack of %s.%s\n", c->loc, name, c->reset);
  } else if (s->has_global) {
    rkc__tbuf_putf(o, "\n%sLocation is global '%s' of size %zu at 0x%012lx (%s+0x%lx)%s\n", c->loc,
                   s->global.name, s->global.size, (unsigned long)s->global.start, s->global.module,
                   (unsigned long)s->global.module_off, c->reset);
  }
  creation(o, c, &r->cur.thread, &s->cur_created);
  if (!s->same_thread_desc)
    creation(o, c, &r->prev.thread, &s->prev_created);
  rkc__tbuf_puts(o, "==================\n");
}
