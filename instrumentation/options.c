/* SPDX-License-Identifier: MIT */
/* Parser of RACEKIT_OPTIONS and rkc_options_init(). Every unknown key or
 * bad value is fatal with one line naming it: an option the user believes
 * in but that is silently ignored is worse than a refusal to run.
 */
#include "options.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rmem.h"
#include "suppress.h"

#define PREFIX "racekit: RACEKIT_OPTIONS: "
#define KNOWN "format, log_path, exitcode, halt_on_error, suppressions, strip_path_prefix, color"

rkc__options rkc__opts = {.format = RKC__FORMAT_GO, .exitcode = 66};

void rkc__options_defaults(rkc__options *o) {
  memset(o, 0, sizeof *o);
  o->format = RKC__FORMAT_GO;
  o->exitcode = 66;
  o->color = RKC__COLOR_AUTO;
}

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  if (errlen == 0)
    return -1;
  int n = snprintf(err, errlen, PREFIX);
  if (n < 0 || (size_t)n >= errlen)
    return -1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
  va_end(ap);
  return -1;
}

static bool is_sep(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':';
}

static bool eq(const char *v, const char *lit) {
  return strcmp(v, lit) == 0;
}

/* One key=value with the value already unquoted. */
static int set_option(rkc__options *o, const char *key, const char *val, char *err, size_t errlen) {
  if (eq(key, "format")) {
    if (eq(val, "go"))
      o->format = RKC__FORMAT_GO;
    else if (eq(val, "tsan"))
      o->format = RKC__FORMAT_TSAN;
    else if (eq(val, "json"))
      o->format = RKC__FORMAT_JSON;
    else
      return fail(err, errlen, "bad value '%s' for format (expected go, tsan or json)", val);
  } else if (eq(key, "log_path")) {
    if (!*val)
      return fail(err, errlen, "bad value '' for log_path (expected a file path, stdout or stderr)");
    o->log_path = rkc__rmem_strdup(val);
  } else if (eq(key, "exitcode")) {
    char *end;
    errno = 0;
    long v = strtol(val, &end, 10);
    if (!*val || *end || errno || v < 0 || v > 255)
      return fail(err, errlen, "bad value '%s' for exitcode (expected an integer 0..255)", val);
    o->exitcode = (int)v;
  } else if (eq(key, "halt_on_error")) {
    if (eq(val, "1") || eq(val, "true"))
      o->halt_on_error = true;
    else if (eq(val, "0") || eq(val, "false"))
      o->halt_on_error = false;
    else
      return fail(err, errlen, "bad value '%s' for halt_on_error (expected 0, 1, true or false)", val);
  } else if (eq(key, "suppressions")) {
    if (!*val)
      return fail(err, errlen, "bad value '' for suppressions (expected a file path)");
    o->suppressions = rkc__rmem_strdup(val);
  } else if (eq(key, "strip_path_prefix")) {
    o->strip_path_prefix = *val ? rkc__rmem_strdup(val) : NULL;
  } else if (eq(key, "color")) {
    if (eq(val, "auto"))
      o->color = RKC__COLOR_AUTO;
    else if (eq(val, "always"))
      o->color = RKC__COLOR_ALWAYS;
    else if (eq(val, "never"))
      o->color = RKC__COLOR_NEVER;
    else
      return fail(err, errlen, "bad value '%s' for color (expected auto, always or never)", val);
  } else {
    return fail(err, errlen, "unknown option '%s' (known: " KNOWN ")", key);
  }
  return 0;
}

int rkc__options_parse(const char *s, rkc__options *o, char *err, size_t errlen) {
  char key[64];
  char val[4096];
  if (!s)
    return 0;
  while (*s) {
    while (*s && is_sep(*s))
      s++;
    if (!*s)
      break;
    const char *tok = s;
    size_t k = 0;
    while (*s && *s != '=' && !is_sep(*s))
      s++;
    k = (size_t)(s - tok);
    if (*s != '=') {
      return fail(err, errlen, "expected key=value, got '%.*s'", (int)k, tok);
    }
    if (k >= sizeof key)
      return fail(err, errlen, "unknown option '%.*s' (known: " KNOWN ")", (int)k, tok);
    memcpy(key, tok, k);
    key[k] = 0;
    s++; /* '=' */
    size_t v = 0;
    if (*s == '\'' || *s == '"') {
      char q = *s++;
      const char *start = s;
      while (*s && *s != q)
        s++;
      if (!*s)
        return fail(err, errlen, "unterminated quote in value of %s", key);
      v = (size_t)(s - start);
      if (v >= sizeof val)
        return fail(err, errlen, "value of %s is too long", key);
      memcpy(val, start, v);
      s++; /* closing quote */
      if (*s && !is_sep(*s))
        return fail(err, errlen, "expected a separator after the quoted value of %s", key);
    } else {
      const char *start = s;
      while (*s && !is_sep(*s))
        s++;
      v = (size_t)(s - start);
      if (v >= sizeof val)
        return fail(err, errlen, "value of %s is too long", key);
      memcpy(val, start, v);
    }
    val[v] = 0;
    if (set_option(o, key, val, err, errlen) < 0)
      return -1;
  }
  return 0;
}

int rkc__options_check(const rkc__options *o, char *err, size_t errlen) {
  if (o->log_path && !eq(o->log_path, "stdout") && !eq(o->log_path, "stderr")) {
    /* The file itself (FILE.<pid>) is created at the first report, as
       ThreadSanitizer does; its directory must be writable now. */
    char dir[4096];
    const char *slash = strrchr(o->log_path, '/');
    if (!slash) {
      snprintf(dir, sizeof dir, ".");
    } else if (slash == o->log_path) {
      snprintf(dir, sizeof dir, "/");
    } else {
      snprintf(dir, sizeof dir, "%.*s", (int)(slash - o->log_path), o->log_path);
    }
    if (access(dir, W_OK | X_OK) != 0)
      return fail(err, errlen, "cannot write log_path '%s': %s", o->log_path, strerror(errno));
  }
  if (o->suppressions) {
    char sub[512];
    if (rkc__supp_load(&rkc__supps, o->suppressions, sub, sizeof sub) < 0)
      return fail(err, errlen, "%s", sub);
  }
  return 0;
}

/* The initial environment, read from /proc/self/environ: in a dynamically
   linked program, rkc_options_init() may run from .preinit_array, before
   libc has set up environ (getenv returns NULL there). */
static char *env_buf;  /* written once, before any other thread exists */
enum { ENV_CAP = 1 << 20 };

static const char *proc_env(const char *name) {
  static size_t len;
  static bool tried;
  char *buf = env_buf;
  if (!tried) {
    tried = true;
    int fd = open("/proc/self/environ", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      size_t cap = ENV_CAP; /* pages cost only when touched */
      buf = env_buf = rkc__rmem_map(cap);
      while (buf && len + 1 < cap) {
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0)
          break;
        len += (size_t)n;
      }
      close(fd);
    }
  }
  size_t nl = strlen(name);
  for (size_t i = 0; buf && i < len; i += strlen(buf + i) + 1)
    if (strncmp(buf + i, name, nl) == 0 && buf[i + nl] == '=')
      return buf + i + nl + 1;
  return NULL;
}

static const char *env_get(const char *name) {
  extern char **environ;
  return environ ? getenv(name) : proc_env(name);
}

static void die(const char *msg) {
  char line[1100];
  int n = snprintf(line, sizeof line, "%s\n", msg);
  ssize_t w = write(2, line, n > 0 && (size_t)n < sizeof line ? (size_t)n : strlen(line));
  (void)w;
  _exit(2);
}

void rkc_options_init(void) {
  static int done; /* __tsan_init runs once, before any other thread */
  if (done)
    return;
  done = 1;
  char err[1024];
  rkc__options o;
  rkc__options_defaults(&o);
  const char *nc = env_get("NO_COLOR");
  o.no_color_env = nc && *nc;
  if (rkc__options_parse(env_get("RACEKIT_OPTIONS"), &o, err, sizeof err) < 0)
    die(err);
  if (rkc__options_check(&o, err, sizeof err) < 0)
    die(err);
  rkc__opts = o; /* its strings were copied: the environment copy can go */
  rkc__rmem_unmap(env_buf, ENV_CAP);
  env_buf = NULL;
}
