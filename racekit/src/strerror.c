/* SPDX-License-Identifier: MIT */
/* rk_strerror: names of the RK_E* error codes. */
#include <racekit/racekit.h>

const char *rk_strerror(int err) {
  switch (err) {
  case 0: return "success";
  case RK_EAGAIN: return "operation would block";
  case RK_ENOMEM: return "out of memory";
  case RK_EINVAL: return "invalid argument";
  case RK_ECLOSED: return "channel closed";
  case RK_ETIMEDOUT: return "context deadline exceeded";
  case RK_ECANCELED: return "context canceled";
  default: return "unknown error";
  }
}
