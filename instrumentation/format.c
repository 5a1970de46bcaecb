/* SPDX-License-Identifier: MIT */
/* What the three report layouts share: symbolising a race once, colours,
 * path display, and the entry point rkc__report_format().
 */
#include "format.h"

#include <string.h>
#include <unistd.h>

void rkc__colors_get(rkc__colors *c, bool enabled) {
  if (!enabled) {
    c->warn = c->access = c->loc = c->thread = c->reset = "";
    return;
  }
  c->warn = "\033[1m\033[31m";   /* bold red, as ThreadSanitizer's Warning() */
  c->access = "\033[1m\033[34m"; /* bold blue, Access() */
  c->loc = "\033[1m\033[32m";    /* bold green, Location() */
  c->thread = "\033[1m\033[36m"; /* bold cyan, ThreadDescription() */
  c->reset = "\033[0m";
}

const char *rkc__display_path(const char *path) {
  const char *pre = rkc__opts.strip_path_prefix;
  if (!path || !pre || !*pre)
    return path;
  const char *pos = strstr(path, pre);
  if (!pos)
    return path;
  pos += strlen(pre);
  if (pos[0] == '.' && pos[1] == '/')
    pos += 2;
  return pos;
}

static void xstack_build(rkc__xstack *x, rkc_stack st) {
  x->n = 0;
  for (int i = 0; i < st.n && i < RKC_MAX_FRAMES && x->n < RKC__XFRAMES; i++) {
    const rkc__frame *f;
    int k = rkc__sym_pc(st.pcs[i], &f);
    for (int j = 0; j < k && x->n < RKC__XFRAMES; j++)
      x->f[x->n++] = &f[j];
  }
}

void rkc__srace_build(rkc__srace *s, const rkc_race *race) {
  s->race = race;
  s->pid = (int)getpid();
  xstack_build(&s->cur, race->cur.stack);
  xstack_build(&s->prev, race->prev.stack);
  xstack_build(&s->cur_created, race->cur.thread.created_at);
  xstack_build(&s->prev_created, race->prev.thread.created_at);
  s->alloc.n = s->freed.n = 0;
  s->has_global = false;
  if (race->loc.kind == RKC_LOC_HEAP) {
    xstack_build(&s->alloc, race->loc.alloc_stack);
    if (race->loc.freed)
      xstack_build(&s->freed, race->loc.free_stack);
  } else if (race->loc.kind == RKC_LOC_UNKNOWN) {
    s->has_global = rkc__sym_global(race->cur.addr, &s->global);
  }
  s->same_thread_desc = race->cur.thread.tid == race->prev.thread.tid;
}

void rkc__format_srace(const rkc__srace *s, rkc__format format, bool color, rkc__tbuf *out) {
  rkc__colors c;
  rkc__colors_get(&c, color && format != RKC__FORMAT_JSON);
  switch (format) {
  case RKC__FORMAT_TSAN:
    rkc__format_tsan(s, out, &c);
    break;
  case RKC__FORMAT_JSON:
    rkc__format_json(s, out);
    break;
  case RKC__FORMAT_GO:
  default:
    rkc__format_go(s, out, &c);
    break;
  }
}

void rkc__report_format(const rkc_race *race, rkc__format format, bool color, rkc__tbuf *out) {
  static rkc__srace s; /* guarded by the report lock (callers serialise) */
  rkc__srace_build(&s, race);
  rkc__format_srace(&s, format, color, out);
}

void rkc__report_format_final(unsigned n, rkc__format format, rkc__tbuf *out) {
  if (n == 0)
    return;
  switch (format) {
  case RKC__FORMAT_TSAN:
    rkc__tbuf_putf(out, "ThreadSanitizer: reported %u warnings\n", n);
    break;
  case RKC__FORMAT_JSON:
    rkc__tbuf_putf(out, "{\"schema\":1,\"type\":\"summary\",\"races\":%u}\n", n);
    break;
  case RKC__FORMAT_GO:
  default:
    rkc__tbuf_putf(out, "Found %u data race(s)\n", n);
    break;
  }
}
