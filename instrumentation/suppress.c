/* SPDX-License-Identifier: MIT */
/* Suppression files and the template matcher; see suppress.h. */
#include "suppress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rmem.h"

rkc__supp rkc__supps;

static const struct {
  const char *name;
  rkc__supp_type type;
} types[] = {
    {"race", RKC__SUPP_RACE},         {"race_top", RKC__SUPP_RACE_TOP},
    {"thread", RKC__SUPP_THREAD},     {"mutex", RKC__SUPP_MUTEX},
    {"deadlock", RKC__SUPP_DEADLOCK}, {"signal", RKC__SUPP_SIGNAL},
    {"called_from_lib", RKC__SUPP_CALLED_FROM_LIB},
};

/* Full match of s[0..sn) against p[0..pn), '*' matching any run. Iterative
   with one backtrack point: linear in practice, O(pn*sn) at worst. */
static bool glob(const char *p, size_t pn, const char *s, size_t sn) {
  size_t pi = 0, si = 0;
  size_t star = (size_t)-1, mark = 0;
  while (si < sn) {
    if (pi < pn && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (pi < pn && p[pi] == s[si]) {
      pi++;
      si++;
    } else if (star != (size_t)-1) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < pn && p[pi] == '*')
    pi++;
  return pi == pn;
}

bool rkc__supp_template_match(const char *pattern, const char *str) {
  if (!str || !*str || !pattern)
    return false;
  size_t pn = strlen(pattern);
  bool start = pn > 0 && pattern[0] == '^';
  if (start) {
    pattern++;
    pn--;
  }
  bool end = pn > 0 && pattern[pn - 1] == '$';
  if (end)
    pn--;
  /* Unanchored ends are implicit '*'. */
  char small[512];
  size_t cap = pn + 2;
  char *eff = cap <= sizeof small ? small : rkc__rmem_map(cap);
  if (!eff)
    return false;
  size_t k = 0;
  if (!start)
    eff[k++] = '*';
  memcpy(eff + k, pattern, pn);
  k += pn;
  if (!end)
    eff[k++] = '*';
  bool r = glob(eff, k, str, strlen(str));
  if (eff != small)
    rkc__rmem_unmap(eff, cap);
  return r;
}

static int perr(char *err, size_t errlen, const char *name, int line, const char *msg, const char *what,
                size_t wn) {
  snprintf(err, errlen, "suppressions file '%s' line %d: %s'%.*s'", name, line, msg, (int)wn, what);
  return -1;
}

int rkc__supp_parse(rkc__supp *s, const char *text, size_t len, const char *name, char *err,
                    size_t errlen) {
  if (!s->tail)
    s->tail = &s->head;
  const char *p = text, *end = text + len;
  int lineno = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    lineno++;
    const char *a = p, *b = le;
    p = nl ? nl + 1 : end;
    while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
      a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
      b--;
    if (a == b || *a == '#')
      continue;
    const char *colon = memchr(a, ':', (size_t)(b - a));
    if (!colon)
      return perr(err, errlen, name, lineno, "expected TYPE:PATTERN, got ", a, (size_t)(b - a));
    size_t tn = (size_t)(colon - a);
    int type = -1;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
      if (strlen(types[i].name) == tn && memcmp(types[i].name, a, tn) == 0)
        type = (int)types[i].type;
    if (type < 0) {
      snprintf(err, errlen,
               "suppressions file '%s' line %d: unknown suppression type '%.*s' (known: race, race_top, "
               "thread, mutex, deadlock, signal, called_from_lib)",
               name, lineno, (int)tn, a);
      return -1;
    }
    const char *pat = colon + 1;
    while (pat < b && (*pat == ' ' || *pat == '\t'))
      pat++;
    if (pat == b)
      return perr(err, errlen, name, lineno, "empty pattern in ", a, (size_t)(b - a));
    rkc__supp_rule *r = rkc__rmem_alloc(sizeof *r);
    if (!r) {
      snprintf(err, errlen, "out of memory reading suppressions file '%s'", name);
      return -1;
    }
    r->type = (rkc__supp_type)type;
    r->pattern = rkc__rmem_strndup(pat, (size_t)(b - pat));
    *s->tail = r;
    s->tail = &r->next;
  }
  return 0;
}

int rkc__supp_load(rkc__supp *s, const char *path, char *err, size_t errlen) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, errlen, "cannot read suppressions file '%s': %s", path, strerror(errno));
    return -1;
  }
  size_t cap = 1 << 16, len = 0;
  char *buf = rkc__rmem_map(cap);
  for (;;) {
    if (!buf) {
      close(fd);
      snprintf(err, errlen, "cannot read suppressions file '%s': out of memory", path);
      return -1;
    }
    if (len == cap) {
      char *nb = rkc__rmem_map(cap * 2);
      if (nb)
        memcpy(nb, buf, len);
      rkc__rmem_unmap(buf, cap);
      buf = nb;
      cap *= 2;
      continue;
    }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int e = errno;
      close(fd);
      rkc__rmem_unmap(buf, cap);
      snprintf(err, errlen, "cannot read suppressions file '%s': %s", path, strerror(e));
      return -1;
    }
    if (n == 0)
      break;
    len += (size_t)n;
  }
  close(fd);
  int rc = rkc__supp_parse(s, buf, len, path, err, errlen);
  rkc__rmem_unmap(buf, cap);
  return rc;
}

rkc__supp_rule *rkc__supp_find(const rkc__supp *s, rkc__supp_type type, const char *function,
                               const char *file, const char *module) {
  for (rkc__supp_rule *r = s->head; r; r = r->next) {
    if (r->type != type)
      continue;
    if (rkc__supp_template_match(r->pattern, function) || rkc__supp_template_match(r->pattern, file) ||
        rkc__supp_template_match(r->pattern, module))
      return r;
  }
  return NULL;
}
