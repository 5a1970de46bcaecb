/* SPDX-License-Identifier: MIT */
/* The JSON reader of `racekit compare` (cli/compare_json.c): values,
 * escapes, JSON Lines, and the line named by each error. */
#include "compare_json.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse(const char *text, rk__json *doc, char *err, size_t n) {
  return rk__json_parse_seq(text, strlen(text), "t.json", doc, err, n);
}

Test(compare_json, json_lines_and_values) {
  rk__json doc;
  char err[256];
  cr_assert_eq(parse("{\"a\": 1, \"b\": [true, false, null, -1.5e3, \"x\"]}\n"
                     "{\"type\":\"summary\",\"races\":2}\n",
                     &doc, err, sizeof err),
               0, "%s", err);
  cr_assert_eq(doc.n, 2);
  const rk__json *b = rk__json_get(&doc.items[0], "b");
  cr_assert_eq(b->type, RK__JSON_ARRAY);
  cr_assert_eq(b->n, 5);
  cr_assert(b->items[0].type == RK__JSON_BOOL && b->items[0].b);
  cr_assert(b->items[1].type == RK__JSON_BOOL && !b->items[1].b);
  cr_assert_eq(b->items[2].type, RK__JSON_NULL);
  cr_assert_float_eq(b->items[3].num, -1500.0, 1e-9);
  cr_assert_str_eq(b->items[4].str, "x");
  cr_assert_float_eq(rk__json_get(&doc.items[0], "a")->num, 1.0, 1e-9);
  cr_assert_str_eq(rk__json_str(&doc.items[1], "type"), "summary");
  cr_assert_null(rk__json_get(&doc.items[1], "missing"));
  cr_assert_null(rk__json_str(&doc.items[1], "races"), "not a string");
  rk__json_free(&doc);
}

Test(compare_json, string_escapes) {
  rk__json doc;
  char err[256];
  cr_assert_eq(parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\\u0000\"", &doc, err, sizeof err),
               0, "%s", err);
  /* \u0000 cannot live in a C string: it becomes '?'. */
  cr_assert_str_eq(doc.items[0].str, "a\"b\\c/d\n\t\xc3\xa9\xf0\x9f\x98\x80?");
  rk__json_free(&doc);
}

static void expect_error(const char *text, const char *want) {
  rk__json doc;
  char err[256];
  cr_assert_eq(parse(text, &doc, err, sizeof err), -1, "accepted: %s", text);
  cr_assert_str_eq(err, want, "for: %s", text);
  rk__json_free(&doc);
}

Test(compare_json, errors_name_the_line) {
  expect_error("{\"a\": 1}\n{\"b\": \"open\n", "t.json:2: unterminated string");
  expect_error("{\"a\": 1,}", "t.json:1: expected a string key");
  expect_error("[1 2]", "t.json:1: expected ',' or ']'");
  expect_error("\n\n{\"a\" 1}", "t.json:3: expected ':'");
  expect_error("{\"a\": tru}", "t.json:1: unexpected character");
  expect_error("[01]", "t.json:1: expected ',' or ']'");
  expect_error("[-]", "t.json:1: bad number");
  expect_error("\"tab\there\"", "t.json:1: control character in string");
  expect_error("\"\\x\"", "t.json:1: bad escape in string");
  expect_error("\"\\u12\"", "t.json:1: bad \\u escape in string");
  expect_error("[", "t.json:1: unexpected end of input");
}

Test(compare_json, depth_is_limited) {
  char deep[300];
  memset(deep, '[', 200);
  deep[200] = '\0';
  expect_error(deep, "t.json:1: nested too deeply");
  /* 64 levels are fine. */
  char ok[200];
  memset(ok, '[', 64);
  memset(ok + 64, ']', 64);
  ok[128] = '\0';
  rk__json doc;
  char err[256];
  cr_assert_eq(parse(ok, &doc, err, sizeof err), 0, "%s", err);
  rk__json_free(&doc);
}
