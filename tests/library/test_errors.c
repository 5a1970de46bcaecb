/* SPDX-License-Identifier: MIT */
/* Error codes and rk_strerror; invalid arguments. */
#include "rk_test.h"

Test(errors, strerror_names_every_code) {
  const int codes[] = {RK_EAGAIN, RK_ENOMEM, RK_EINVAL, RK_ECLOSED,
                       RK_ETIMEDOUT, RK_ECANCELED};
  const char *want[] = {"operation would block", "out of memory",
                        "invalid argument", "channel closed",
                        "context deadline exceeded", "context canceled"};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    cr_assert_lt(codes[i], 0, "codes are negative");
    cr_assert_neq(codes[i], RK_SELECT_NONE, "-1 stays free for select");
    cr_assert_str_eq(rk_strerror(codes[i]), want[i]);
    for (size_t j = 0; j < i; j++)
      cr_assert_neq(codes[i], codes[j]);
  }
  cr_assert_str_eq(rk_strerror(0), "success");
  cr_assert_not_null(rk_strerror(-9999));
  cr_assert_not_null(rk_strerror(12345));
}

Test(errors, invalid_arguments) {
  cr_assert_eq(rk_select(NULL, 1, RK_SELECT_DEFAULT), RK_EINVAL, "NULL cases, n > 0");
  rk_select_case bad[] = {{.op = 0, .ch = NULL, .elem = NULL, .ok = NULL}};
  cr_assert_eq(rk_select(bad, 1, RK_SELECT_DEFAULT), RK_EINVAL, "op 0");
  cr_assert_null(rk_ticker_make(0));
  cr_assert_null(rk_context_with_cancel(NULL));
}

Test(errors, version) {
  cr_assert_str_eq(RACEKIT_VERSION_STRING, "0.1.0");
}
