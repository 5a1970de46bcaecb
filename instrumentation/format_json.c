/* SPDX-License-Identifier: MIT */
/* format=json: one JSON object per race, on one line (JSON Lines), schema
 * version 1, documented field by field in docs/REPORTS.md. Addresses are
 * strings ("0x...") because JSON numbers lose 64-bit precision in many
 * parsers; unknown values are null, never omitted.
 */
#include "format.h"

#include <stdio.h>

static void hex(rkc__tbuf *o, uintptr_t v) {
  rkc__tbuf_putf(o, "\"0x%lx\"", (unsigned long)v);
}

static void int_or_null(rkc__tbuf *o, long v, bool known) {
  if (known)
    rkc__tbuf_putf(o, "%ld", v);
  else
    rkc__tbuf_puts(o, "null");
}

static const char *kind_name(rkc_thread_kind k) {
  switch (k) {
  case RKC_THREAD_MAIN:
    return "main";
  case RKC_THREAD_GOROUTINE:
    return "goroutine";
  case RKC_THREAD_FIBER:
    return "fiber";
  case RKC_THREAD_PTHREAD:
  default:
    return "thread";
  }
}

static void frames(rkc__tbuf *o, const rkc__xstack *x) {
  rkc__tbuf_putc(o, '[');
  for (int i = 0; i < x->n; i++) {
    const rkc__frame *f = x->f[i];
    if (i)
      rkc__tbuf_putc(o, ',');
    rkc__tbuf_puts(o, "{\"function\":");
    rkc__tbuf_json_str(o, f->function);
    rkc__tbuf_puts(o, ",\"file\":");
    rkc__tbuf_json_str(o, rkc__display_path(f->file));
    rkc__tbuf_puts(o, ",\"line\":");
    int_or_null(o, f->line, f->file && f->line);
    rkc__tbuf_puts(o, ",\"column\":");
    int_or_null(o, f->column, f->file && f->column);
    rkc__tbuf_puts(o, f->inlined ? ",\"inlined\":true" : ",\"inlined\":false");
    rkc__tbuf_puts(o, ",\"module\":");
    rkc__tbuf_json_str(o, f->module);
    rkc__tbuf_puts(o, ",\"module_offset\":");
    if (f->module)
      hex(o, f->module_off);
    else
      rkc__tbuf_puts(o, "null");
    rkc__tbuf_puts(o, ",\"pc\":");
    hex(o, f->pc);
    rkc__tbuf_putc(o, '}');
  }
  rkc__tbuf_putc(o, ']');
}

static void thread_name(const rkc_thread_desc *t, char *buf, size_t n) {
  switch (t->kind) {
  case RKC_THREAD_MAIN:
    snprintf(buf, n, "main goroutine");
    break;
  case RKC_THREAD_GOROUTINE:
    snprintf(buf, n, "goroutine %ld", t->goid);
    break;
  default:
    snprintf(buf, n, "thread T%d", t->tid);
    break;
  }
}

static void thread_ref(rkc__tbuf *o, const rkc_thread_desc *t) {
  char name[64];
  thread_name(t, name, sizeof name);
  rkc__tbuf_putf(o, "{\"tid\":%d,\"kind\":\"%s\",\"goid\":", t->tid, kind_name(t->kind));
  int_or_null(o, t->goid, t->goid > 0);
  rkc__tbuf_puts(o, ",\"name\":");
  rkc__tbuf_json_str(o, name);
}

static void access(rkc__tbuf *o, const rkc_access *a, const rkc__xstack *x) {
  rkc__tbuf_putf(o, "{\"kind\":\"%s\",\"size\":%u,\"addr\":", a->write ? "write" : "read", a->size);
  hex(o, a->addr);
  rkc__tbuf_puts(o, a->atomic ? ",\"atomic\":true,\"thread\":" : ",\"atomic\":false,\"thread\":");
  thread_ref(o, &a->thread);
  rkc__tbuf_puts(o, "},\"stack\":");
  frames(o, x);
  rkc__tbuf_putc(o, '}');
}

static void thread_full(rkc__tbuf *o, const rkc_thread_desc *t, const rkc__xstack *x) {
  thread_ref(o, t);
  rkc__tbuf_puts(o, ",\"os_tid\":");
  int_or_null(o, t->os_tid, t->os_tid > 0);
  rkc__tbuf_puts(o, t->running ? ",\"running\":true" : ",\"running\":false");
  rkc__tbuf_puts(o, ",\"parent_tid\":");
  int_or_null(o, t->parent_tid, t->parent_tid >= 0 && t->kind != RKC_THREAD_MAIN);
  rkc__tbuf_puts(o, ",\"created_at\":");
  frames(o, x);
  rkc__tbuf_putc(o, '}');
}

static void location(rkc__tbuf *o, const rkc__srace *s) {
  const rkc_location *l = &s->race->loc;
  if (l->kind == RKC_LOC_HEAP) {
    rkc__tbuf_puts(o, "{\"kind\":\"heap\",\"block\":");
    hex(o, l->block);
    rkc__tbuf_putf(o, ",\"size\":%zu,\"offset\":%ld,\"alloc_tid\":%d,\"alloc_stack\":", l->block_size,
                   (long)(s->race->cur.addr - l->block), l->alloc_tid);
    frames(o, &s->alloc);
    if (l->freed) {
      rkc__tbuf_putf(o, ",\"freed\":true,\"free_tid\":%d,\"free_stack\":", l->free_tid);
      frames(o, &s->freed);
    } else {
      rkc__tbuf_puts(o, ",\"freed\":false,\"free_tid\":null,\"free_stack\":null");
    }
    rkc__tbuf_putc(o, '}');
  } else if (l->kind == RKC_LOC_STACK) {
    rkc__tbuf_putf(o, "{\"kind\":\"stack\",\"tid\":%d}", l->stack_tid);
  } else if (s->has_global) {
    rkc__tbuf_puts(o, "{\"kind\":\"global\",\"name\":");
    rkc__tbuf_json_str(o, s->global.name);
    rkc__tbuf_putf(o, ",\"size\":%zu,\"addr\":", s->global.size);
    hex(o, s->global.start);
    rkc__tbuf_putf(o, ",\"offset\":%ld,\"module\":", (long)(s->race->cur.addr - s->global.start));
    rkc__tbuf_json_str(o, s->global.module);
    rkc__tbuf_puts(o, ",\"module_offset\":");
    hex(o, s->global.module_off);
    rkc__tbuf_putc(o, '}');
  } else {
    rkc__tbuf_puts(o, "{\"kind\":\"unknown\"}");
  }
}

void rkc__format_json(const rkc__srace *s, rkc__tbuf *o) {
  const rkc_race *r = s->race;
  rkc__tbuf_putf(o, "{\"schema\":1,\"type\":\"data-race\",\"pid\":%d,\"access\":", s->pid);
  access(o, &r->cur, &s->cur);
  rkc__tbuf_puts(o, ",\"previous\":");
  access(o, &r->prev, &s->prev);
  rkc__tbuf_puts(o, ",\"location\":");
  location(o, s);
  rkc__tbuf_puts(o, ",\"threads\":[");
  bool any = false;
  if (r->cur.thread.kind != RKC_THREAD_MAIN) {
    thread_full(o, &r->cur.thread, &s->cur_created);
    any = true;
  }
  if (!s->same_thread_desc && r->prev.thread.kind != RKC_THREAD_MAIN) {
    if (any)
      rkc__tbuf_putc(o, ',');
    thread_full(o, &r->prev.thread, &s->prev_created);
  }
  rkc__tbuf_puts(o, "],\"sync\":[");
  for (int i = 0; r->cur_sync && i < r->ncur_sync; i++) {
    const rkc_sync_note *n = &r->cur_sync[i];
    if (i)
      rkc__tbuf_putc(o, ',');
    rkc__tbuf_puts(o, "{\"kind\":");
    rkc__tbuf_json_str(o, n->kind);
    rkc__tbuf_puts(o, ",\"obj\":");
    hex(o, (uintptr_t)n->obj);
    rkc__tbuf_putf(o, ",\"seq\":%llu,\"goid\":%ld,\"file\":", (unsigned long long)n->seq, n->goid);
    rkc__tbuf_json_str(o, rkc__display_path(n->file));
    rkc__tbuf_puts(o, ",\"line\":");
    int_or_null(o, n->line, n->file && n->line > 0);
    rkc__tbuf_putc(o, '}');
  }
  const rkc__frame *top = s->cur.n ? s->cur.f[0] : NULL;
  rkc__tbuf_puts(o, "],\"summary\":{\"function\":");
  rkc__tbuf_json_str(o, top ? top->function : NULL);
  rkc__tbuf_puts(o, ",\"file\":");
  rkc__tbuf_json_str(o, top ? rkc__display_path(top->file) : NULL);
  rkc__tbuf_puts(o, ",\"line\":");
  int_or_null(o, top ? top->line : 0, top && top->file && top->line);
  rkc__tbuf_puts(o, ",\"column\":");
  int_or_null(o, top ? top->column : 0, top && top->file && top->column);
  rkc__tbuf_puts(o, "}}\n");
}
