/* SPDX-License-Identifier: MIT */
/* The reporting side's entry points (report.h): suppressions,
 * deduplication, output, exit status.
 * DESIGN: one report at a time under report_lock, a futex lock the checker
 * does not see (a pthread mutex would add happens-before edges between the
 * threads that report and hide later races). Each report is formatted into
 * one buffer and written with write(2) to the output fd, never through
 * stdio: the program may hold a stdio lock when the race is detected.
 */
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "format.h"
#include "options.h"
#include "rmem.h"
#include "suppress.h"
#include "symbolize.h"
#include "textbuf.h"

typedef struct seen {
  uint64_t h;            /* 0: free slot */
  const char *a, *b;     /* the two source locations, a <= b */
} seen;

static rkc__rlock report_lock;
static unsigned nreported;     /* guarded by report_lock; atomic loads in rkc_report_count */
static int report_pid;         /* guarded by report_lock: the process nreported counts for */
static bool finished;          /* guarded by report_lock */
static int out_fd = -1;        /* guarded by report_lock: the log_path file */
static int out_pid;            /* guarded by report_lock: the process that opened out_fd */
static rkc__tbuf text;         /* guarded by report_lock */
static rkc__srace srace;       /* guarded by report_lock */
static seen *seen_tab;         /* guarded by report_lock */
static size_t seen_cap, seen_n; /* guarded by report_lock */

/* ------------------------------------------------------------- output */

static int output_fd(void) {
  const char *lp = rkc__opts.log_path;
  if (!lp || strcmp(lp, "stderr") == 0)
    return 2;
  if (strcmp(lp, "stdout") == 0)
    return 1;
  int pid = (int)getpid();
  if (out_fd >= 0 && out_pid == pid)
    return out_fd;
  /* First output of this process (a forked child writes its own file). */
  char path[4200];
  snprintf(path, sizeof path, "%s.%d", lp, pid);
  out_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  out_pid = pid;
  if (out_fd < 0) {
    char msg[4400];
    int n = snprintf(msg, sizeof msg, "racekit: cannot open log_path file '%s': %s; writing to stderr\n", path,
                     strerror(errno));
    ssize_t w = write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
    (void)w;
    out_fd = 2;
  }
  return out_fd;
}

static bool color_on(int fd) {
  switch (rkc__opts.color) {
  case RKC__COLOR_ALWAYS:
    return true;
  case RKC__COLOR_NEVER:
    return false;
  case RKC__COLOR_AUTO:
  default:
    return !rkc__opts.no_color_env && isatty(fd);
  }
}

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return;
    p += w;
    n -= (size_t)w;
  }
}

static void flush_text(int fd) {
  write_all(fd, text.p, text.len);
  rkc__tbuf_reset(&text);
}

/* Called with report_lock held: counts start again in a forked child. */
static void check_pid(void) {
  int pid = (int)getpid();
  if (pid != report_pid) {
    report_pid = pid;
    __atomic_store_n(&nreported, 0, __ATOMIC_RELAXED);
    finished = false;
  }
}

/* ------------------------------------------------------- suppressions */

static bool frame_suppressed(const rkc__frame *f, rkc__supp_type type) {
  rkc__supp_rule *r = rkc__supp_find(&rkc__supps, type, f->function, f->file, f->module);
  if (r)
    r->hits++;
  return r != NULL;
}

static bool stack_suppressed(const rkc__xstack *x) {
  for (int i = 0; i < x->n; i++)
    if (frame_suppressed(x->f[i], RKC__SUPP_RACE))
      return true;
  return false;
}

/* As ThreadSanitizer: race: matches any frame of the access stacks, the
   thread creation stacks, the allocation stack and the global's name and
   module; race_top: the top frame of each access stack. */
static bool suppressed(const rkc__srace *s) {
  if (!rkc__supps.head)
    return false;
  if ((s->cur.n && frame_suppressed(s->cur.f[0], RKC__SUPP_RACE_TOP)) ||
      (s->prev.n && frame_suppressed(s->prev.f[0], RKC__SUPP_RACE_TOP)))
    return true;
  if (stack_suppressed(&s->cur) || stack_suppressed(&s->prev) || stack_suppressed(&s->cur_created) ||
      stack_suppressed(&s->prev_created) || stack_suppressed(&s->alloc) || stack_suppressed(&s->freed))
    return true;
  if (s->has_global) {
    rkc__supp_rule *r = rkc__supp_find(&rkc__supps, RKC__SUPP_RACE, s->global.name, NULL, s->global.module);
    if (r) {
      r->hits++;
      return true;
    }
  }
  return false;
}

/* ------------------------------------------------------ deduplication */

/* "file:line:column" of the top source frame, or module+offset without
   line info. */
static void loc_key(const rkc__xstack *x, char *buf, size_t n) {
  const rkc__frame *f = x->n ? x->f[0] : NULL;
  if (f && f->file)
    snprintf(buf, n, "%s:%d:%d", f->file, f->line, f->column);
  else if (f && f->module)
    snprintf(buf, n, "%s+0x%lx", f->module, (unsigned long)f->module_off);
  else
    snprintf(buf, n, "0x%lx", f ? (unsigned long)f->pc : 0ul);
}

static uint64_t fnv(uint64_t h, const char *s) {
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h;
}

static bool seen_grow(void) {
  size_t ncap = seen_cap ? seen_cap * 2 : 256;
  seen *nt = rkc__rmem_map(ncap * sizeof *nt);
  if (!nt)
    return false;
  for (size_t i = 0; i < seen_cap; i++) {
    if (!seen_tab[i].h)
      continue;
    size_t j = seen_tab[i].h & (ncap - 1);
    while (nt[j].h)
      j = (j + 1) & (ncap - 1);
    nt[j] = seen_tab[i];
  }
  rkc__rmem_unmap(seen_tab, seen_cap * sizeof *seen_tab);
  seen_tab = nt;
  seen_cap = ncap;
  return true;
}

/* True when the unordered pair was reported before; records it if not. */
static bool already_seen(const rkc__srace *s) {
  char k1[1024], k2[1024];
  loc_key(&s->cur, k1, sizeof k1);
  loc_key(&s->prev, k2, sizeof k2);
  const char *a = k1, *b = k2;
  if (strcmp(a, b) > 0) {
    a = k2;
    b = k1;
  }
  uint64_t h = fnv(fnv(0xcbf29ce484222325ull, a), "\n");
  h = fnv(h, b);
  if (!h)
    h = 1;
  if ((seen_n + 1) * 2 > seen_cap && !seen_grow())
    return false;
  size_t j = h & (seen_cap - 1);
  while (seen_tab[j].h) {
    if (seen_tab[j].h == h && strcmp(seen_tab[j].a, a) == 0 && strcmp(seen_tab[j].b, b) == 0)
      return true;
    j = (j + 1) & (seen_cap - 1);
  }
  seen_tab[j].h = h;
  seen_tab[j].a = rkc__rmem_strdup(a);
  seen_tab[j].b = rkc__rmem_strdup(b);
  seen_n++;
  return false;
}

/* ---------------------------------------------------------- entry points */

/* Building a report (symbolization through libdw above all) needs far
   more stack than a racing thread may have: a pthread made with a 64 KiB
   stack, a fiber or a goroutine on a small one. So the report runs on a
   stack of its own, switched to with swapcontext. All guarded by
   report_lock; a report made while already on that stack (it cannot
   happen today: the runtime is not instrumented) runs in place. */
enum { REPORT_STACK_SIZE = 8 << 20 };
static void *report_stack;
static bool on_report_stack;
static ucontext_t report_uc, report_caller_uc;
static const rkc_race *report_race_arg;
static bool report_race_ret;

static bool report_race_locked(const rkc_race *race) {
  check_pid();
  rkc__srace_build(&srace, race);
  if (suppressed(&srace) || already_seen(&srace))
    return false;
  int fd = output_fd();
  rkc__tbuf_reset(&text);
  rkc__format_srace(&srace, rkc__opts.format, color_on(fd), &text);
  flush_text(fd);
  __atomic_store_n(&nreported, nreported + 1, __ATOMIC_RELAXED);
  if (rkc__opts.halt_on_error)
    _exit(rkc__opts.exitcode); /* as ThreadSanitizer: no summary line */
  return true;
}

static void report_race_trampoline(void) {
  on_report_stack = true;
  report_race_ret = report_race_locked(report_race_arg);
  on_report_stack = false;
} /* returns to report_caller_uc through uc_link */

bool rkc_report_race(const rkc_race *race) {
  rkc__rlock_lock(&report_lock);
  if (!report_stack && !on_report_stack) {
    void *m = mmap(NULL, REPORT_STACK_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m != MAP_FAILED)
      report_stack = m;
  }
  bool r;
  if (report_stack && !on_report_stack && getcontext(&report_uc) == 0) {
    report_uc.uc_stack.ss_sp = report_stack;
    report_uc.uc_stack.ss_size = REPORT_STACK_SIZE;
    report_uc.uc_link = &report_caller_uc;
    makecontext(&report_uc, report_race_trampoline, 0);
    report_race_arg = race;
    if (swapcontext(&report_caller_uc, &report_uc) == 0)
      r = report_race_ret;
    else
      r = report_race_locked(race);
  } else {
    r = report_race_locked(race);
  }
  rkc__rlock_unlock(&report_lock);
  return r;
}

int rkc_report_finish(void) {
  rkc__rlock_lock(&report_lock);
  check_pid();
  unsigned n = nreported;
  if (n > 0 && !finished) {
    finished = true;
    int fd = output_fd();
    rkc__tbuf_reset(&text);
    rkc__report_format_final(n, rkc__opts.format, &text);
    flush_text(fd);
  }
  rkc__rlock_unlock(&report_lock);
  return n > 0 ? rkc__opts.exitcode : -1;
}

unsigned rkc_report_count(void) {
  /* Relaxed: a count, no data is published through it. */
  return __atomic_load_n(&nreported, __ATOMIC_RELAXED);
}

/* Lock order: report_lock, then the symbolizer's lock, then the arena's
   (the report path symbolises and allocates under report_lock). */
void rkc_report_fork_prepare(void) {
  rkc__rlock_lock(&report_lock);
  rkc__sym_fork_lock();
  rkc__rmem_fork_lock();
}

void rkc_report_fork_parent(void) {
  rkc__rmem_fork_unlock();
  rkc__sym_fork_unlock();
  rkc__rlock_unlock(&report_lock);
}

void rkc_report_fork_child(void) {
  rkc__rmem_fork_reset();
  rkc__sym_fork_reset();
  report_lock.state = 0; /* the child is single-threaded */
  check_pid(); /* the child's own count; output_fd() opens its own file */
}

void rkc_report_warning(const char *fmt, ...) {
  char msg[1024];
  int n = snprintf(msg, sizeof msg, "racekit: ");
  va_list ap;
  va_start(ap, fmt);
  int m = vsnprintf(msg + n, sizeof msg - (size_t)n - 1, fmt, ap);
  va_end(ap);
  size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
  if (len > sizeof msg - 2)
    len = sizeof msg - 2;
  msg[len++] = '\n';
  rkc__rlock_lock(&report_lock);
  write_all(output_fd(), msg, len);
  rkc__rlock_unlock(&report_lock);
}
