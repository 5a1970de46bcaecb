/* SPDX-License-Identifier: MIT */
/* ThreadSanitizer's report layout, line for line as clang 14's
 * -fsanitize=thread runtime prints it, so that tools that parse TSan
 * reports (and its SUMMARY line) work on racekit's.
 */
#include "format.h"

#include <stdio.h>

static void thread_name(int tid, char *buf, size_t n) {
  if (tid == 0)
    snprintf(buf, n, "main thread");
  else
    snprintf(buf, n, "thread T%d", tid);
}

static void stack(rkc__tbuf *o, const rkc__xstack *x) {
  if (x->n == 0) {
    rkc__tbuf_puts(o, "    <empty stack>\n");
    return;
  }
  for (int i = 0; i < x->n; i++) {
    const rkc__frame *f = x->f[i];
    rkc__tbuf_putf(o, "    #%d %s ", i, f->function ? f->function : "<null>");
    if (f->file) {
      rkc__tbuf_puts(o, rkc__display_path(f->file));
      if (f->line) {
        rkc__tbuf_putf(o, ":%d", f->line);
        if (f->column)
          rkc__tbuf_putf(o, ":%d", f->column);
      }
    } else {
      rkc__tbuf_puts(o, "<null>");
    }
    if (f->module)
      rkc__tbuf_putf(o, " (%s+0x%lx)", f->module, (unsigned long)f->module_off);
    else
      rkc__tbuf_puts(o, " (<unknown module>)");
    /* As clang 14: the build id follows the first frame of each PC. */
    if (f->build_id && (i == 0 || !x->f[i - 1]->inlined))
      rkc__tbuf_putf(o, " (BuildId: %s)", f->build_id);
    rkc__tbuf_putc(o, '\n');
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
  thread_name(a->thread.tid, name, sizeof name);
  rkc__tbuf_putf(o, "%s  %s of size %u at 0x%012lx by %s:%s\n", c->access, mop(first, a), a->size,
                 (unsigned long)a->addr, name, c->reset);
  stack(o, x);
  rkc__tbuf_putc(o, '\n');
}

static void thread(rkc__tbuf *o, const rkc__colors *c, const rkc_thread_desc *t, const rkc__xstack *x) {
  if (t->kind == RKC_THREAD_MAIN)
    return; /* ThreadSanitizer prints nothing for the main thread */
  char parent[64];
  thread_name(t->parent_tid < 0 ? 0 : t->parent_tid, parent, sizeof parent);
  rkc__tbuf_putf(o, "%s  Thread T%d", c->thread, t->tid);
  if (t->kind == RKC_THREAD_GOROUTINE)
    rkc__tbuf_putf(o, " 'goroutine %ld'", t->goid);
  rkc__tbuf_putf(o, " (tid=%d, %s) created by %s at:%s\n", t->os_tid, t->running ? "running" : "finished",
                 parent, c->reset);
  stack(o, x);
  rkc__tbuf_putc(o, '\n');
}

void rkc__format_tsan(const rkc__srace *s, rkc__tbuf *o, const rkc__colors *c) {
  const rkc_race *r = s->race;
  char name[64];
  rkc__tbuf_puts(o, "==================\n");
  rkc__tbuf_putf(o, "%sWARNING: ThreadSanitizer: data race (pid=%d)%s\n", c->warn, s->pid, c->reset);
  access(o, c, true, &r->cur, &s->cur);
  access(o, c, false, &r->prev, &s->prev);
  if (r->loc.kind == RKC_LOC_HEAP) {
    thread_name(r->loc.alloc_tid, name, sizeof name);
    rkc__tbuf_putf(o, "%s  Location is heap block of size %zu at 0x%012lx allocated by %s:%s\n", c->loc,
                   r->loc.block_size, (unsigned long)r->loc.block, name, c->reset);
    stack(o, &s->alloc);
    rkc__tbuf_putc(o, '\n');
    if (r->loc.freed) {
      thread_name(r->loc.free_tid, name, sizeof name);
      rkc__tbuf_putf(o, "%s  Block was freed by %s:%s\n", c->loc, name, c->reset);
      stack(o, &s->freed);
      rkc__tbuf_putc(o, '\n');
    }
  } else if (r->loc.kind == RKC_LOC_STACK) {
    thread_name(r->loc.stack_tid, name, sizeof name);
    rkc__tbuf_putf(o, "%s  Location is stack of %s.%s\n\n", c->loc, name, c->reset);
  } else if (s->has_global) {
    rkc__tbuf_putf(o, "%s  Location is global '%s' of size %zu at 0x%012lx (%s+0x%lx)%s\n\n", c->loc,
                   s->global.name, s->global.size, (unsigned long)s->global.start, s->global.module,
                   (unsigned long)s->global.module_off, c->reset);
  }
  thread(o, c, &r->cur.thread, &s->cur_created);
  if (!s->same_thread_desc)
    thread(o, c, &r->prev.thread, &s->prev_created);
  const rkc__frame *top = s->cur.n ? s->cur.f[0] : NULL;
  rkc__tbuf_puts(o, "SUMMARY: ThreadSanitizer: data race ");
  if (top && top->file) {
    rkc__tbuf_puts(o, rkc__display_path(top->file));
    if (top->line) {
      rkc__tbuf_putf(o, ":%d", top->line);
      if (top->column)
        rkc__tbuf_putf(o, ":%d", top->column);
    }
  } else if (top && top->module) {
    rkc__tbuf_putf(o, "(%s+0x%lx)", top->module, (unsigned long)top->module_off);
  } else {
    rkc__tbuf_puts(o, "<null>");
  }
  rkc__tbuf_putf(o, " in %s\n", top && top->function ? top->function : "<null>");
  rkc__tbuf_puts(o, "==================\n");
}
