/* SPDX-License-Identifier: MIT */
/* Source locations for the plain-function forms of the API, from the
 * caller's return address: the function is the nearest symbol (dladdr),
 * the file is the object that contains it, the line is 0 (unknown). A
 * small per-thread cache keeps repeated calls from one site cheap. */
#define _GNU_SOURCE
#include "internal.h"

#include <dlfcn.h>

#define RK__CALLER_CACHE 16

static RK__TLS struct {
  void *pc;
  rk_srcloc loc;
} cache[RK__CALLER_CACHE];

rk_srcloc rk__caller(void *ret) {
  size_t h = ((uintptr_t)ret >> 2) % RK__CALLER_CACHE;
  if (cache[h].pc == ret && ret)
    return cache[h].loc;
  rk_srcloc loc = {"?", 0, "?"};
  Dl_info info;
  if (ret && dladdr(ret, &info)) {
    if (info.dli_fname)
      loc.file = info.dli_fname;
    if (info.dli_sname)
      loc.func = info.dli_sname;
  }
  cache[h].pc = ret;
  cache[h].loc = loc;
  return loc;
}
