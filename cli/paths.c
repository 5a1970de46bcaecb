/* SPDX-License-Identifier: MIT */
/* Where racekit's own files are, found from /proc/self/exe: the build tree
 * (build/bin/racekit, a CMakeCache.txt in build/) or an installation
 * (prefix/bin/racekit). */
#include "cli.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef RACEKIT_SOURCE_DIR
#error "RACEKIT_SOURCE_DIR must be defined by the build (cli/CMakeLists.txt)"
#endif
#ifndef RACEKIT_INSTALL_LIBDIR
#define RACEKIT_INSTALL_LIBDIR "lib"
#endif
#ifndef RACEKIT_INSTALL_INCLUDEDIR
#define RACEKIT_INSTALL_INCLUDEDIR "include"
#endif
#ifndef RACEKIT_INSTALL_DATADIR
#define RACEKIT_INSTALL_DATADIR "share"
#endif

/* All computed once, on first use, and immutable afterwards (the CLI is
   single-threaded). */
static char self_exe[PATH_MAX];
static char prefix[PATH_MAX]; /* the directory holding bin/ */
static bool build_tree;
static char libdir[PATH_MAX + 64], includedir[PATH_MAX + 64], demosdir[PATH_MAX + 64];

const char *rk_self_exe(void) {
  if (!self_exe[0]) {
    ssize_t n = readlink("/proc/self/exe", self_exe, sizeof self_exe - 1);
    if (n <= 0) {
      /* No /proc: fall back to the name racekit is installed under. */
      snprintf(self_exe, sizeof self_exe, "racekit");
    } else {
      self_exe[n] = '\0';
    }
  }
  return self_exe;
}

static void locate(void) {
  if (prefix[0])
    return;
  snprintf(prefix, sizeof prefix, "%s", rk_self_exe());
  for (int up = 0; up < 2; up++) { /* strip /racekit, then /bin */
    char *slash = strrchr(prefix, '/');
    if (!slash) {
      snprintf(prefix, sizeof prefix, ".");
      break;
    }
    *slash = '\0';
    if (!prefix[0]) {
      snprintf(prefix, sizeof prefix, "/");
      break;
    }
  }
  char cache[PATH_MAX + 32];
  snprintf(cache, sizeof cache, "%s/CMakeCache.txt", prefix);
  build_tree = rk__file_exists(cache);
}

static const char *from_env_or(char *buf, size_t n, const char *env, const char *fmt,
                               const char *a, const char *b) {
  if (!buf[0]) {
    const char *e = getenv(env);
    if (e && *e)
      snprintf(buf, n, "%s", e);
    else
      snprintf(buf, n, fmt, a, b);
  }
  return buf;
}

const char *rk__libdir(void) {
  locate();
  return from_env_or(libdir, sizeof libdir, "RACEKIT_LIBDIR", "%s/%s", prefix,
                     build_tree ? "lib" : RACEKIT_INSTALL_LIBDIR);
}

const char *rk__includedir(void) {
  locate();
  if (build_tree)
    return from_env_or(includedir, sizeof includedir, "RACEKIT_INCLUDEDIR", "%s%s",
                       RACEKIT_SOURCE_DIR, "/racekit/include");
  return from_env_or(includedir, sizeof includedir, "RACEKIT_INCLUDEDIR", "%s/%s", prefix,
                     RACEKIT_INSTALL_INCLUDEDIR);
}

const char *rk__demosdir(void) {
  locate();
  if (build_tree)
    return from_env_or(demosdir, sizeof demosdir, "RACEKIT_DEMOS_DIR", "%s%s",
                       RACEKIT_SOURCE_DIR, "/demos");
  return from_env_or(demosdir, sizeof demosdir, "RACEKIT_DEMOS_DIR", "%s/%s/racekit/demos",
                     prefix, RACEKIT_INSTALL_DATADIR);
}
