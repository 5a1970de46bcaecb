/* SPDX-License-Identifier: MIT */
/* The installed racekit (cmake --install into a temporary prefix) finds its
 * files under the prefix: headers, the checker runtime, the demos. */
#include "cli_test.h"

#include <criterion/criterion.h>
#include <racekit/racekit.h>

#include <stdlib.h>
#include <string.h>

Test(cli_install, installed_racekit_uses_the_prefix, .timeout = 300) {
  char *prefix = rkt_tmpdir();
  rkt_result r;
  rkt_run(&r, NULL, NULL,
          (const char *const[]){CLI_CMAKE, "--install", CLI_BINARY_DIR, "--prefix", prefix, NULL});
  cr_assert_eq(r.status, 0, "cmake --install failed:\n%s%s", r.out, r.err);
  rkt_result_free(&r);
  char *exe = rkt_fmt("%s/bin/racekit", prefix);

  rkt_run(&r, NULL, prefix, (const char *const[]){exe, "--version", NULL});
  cr_expect_str_eq(r.out, "racekit " RACEKIT_VERSION_STRING "\n");
  rkt_result_free(&r);

  /* The demos, from prefix/share/racekit/demos. */
  char *manifest = rkt_fmt("%s/%s/racekit/demos/manifest", prefix, CLI_INSTALL_DATADIR);
  cr_expect(rkt_exists(manifest), "%s was not installed", manifest);
  rkt_run(&r, NULL, prefix, (const char *const[]){exe, "demo", "show", "mutex-counter", NULL});
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect(strncmp(r.out, "mutex-counter/racy.c — ", 24) == 0, "%s", r.out);
  rkt_result_free(&r);

  /* The headers, from prefix/include. */
  char *src = rkt_fmt("%s/t.c", prefix);
  rkt_write(src, "#include <racekit/racekit.h>\nint main(void) { return 0; }\n");
  rkt_run(&r, NULL, prefix, (const char *const[]){exe, "cc", "-v", "-c", "t.c", NULL});
  char *inc = rkt_fmt(" -I%s/%s\n", prefix, CLI_INSTALL_INCLUDEDIR);
  cr_expect_eq(r.status, 0, "stderr: %s", r.err);
  cr_expect(strstr(r.err, inc), "%s", r.err);
  rkt_result_free(&r);

  /* The checker runtime, from prefix/lib. */
  char *rt = rkt_fmt("%s/%s/libracekit_rt.a", prefix, CLI_INSTALL_LIBDIR);
  if (CLI_HAVE_RT) {
    rkt_run(&r, NULL, prefix,
            (const char *const[]){exe, "run", CLI_TEST_DEMOS "/counter/racy.c", NULL});
    cr_expect_eq(r.status, 66, "stderr: %s", r.err);
    cr_expect(strstr(r.err, "WARNING: DATA RACE"), "%s", r.err);
    rkt_result_free(&r);
  } else {
    rkt_run(&r, NULL, prefix, (const char *const[]){exe, "cc", "t.c", NULL});
    char *want = rkt_fmt("racekit: cc: checker runtime missing: %s\n", rt);
    cr_expect_str_eq(r.err, want);
    free(want);
    rkt_result_free(&r);
  }

  free(rt);
  free(inc);
  free(src);
  free(manifest);
  free(exe);
  rkt_rmtree(prefix);
  free(prefix);
}
