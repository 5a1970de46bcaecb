/* SPDX-License-Identifier: MIT */
/* A small strict JSON reader for `racekit compare` (racekit's format=json
 * reports). Private to cli/; self-contained so a fuzz target can build it. */
#ifndef RACEKIT_CLI_COMPARE_JSON_H
#define RACEKIT_CLI_COMPARE_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum rk__json_type {
  RK__JSON_NULL,
  RK__JSON_BOOL,
  RK__JSON_NUMBER,
  RK__JSON_STRING,
  RK__JSON_ARRAY,
  RK__JSON_OBJECT
} rk__json_type;

typedef struct rk__json {
  rk__json_type type;
  bool b;
  double num;
  char *str;              /* STRING, NUL-terminated UTF-8 */
  struct rk__json *items; /* ARRAY and OBJECT values */
  char **keys;            /* OBJECT keys */
  int n;
} rk__json;

/* Parses a sequence of JSON values separated by white space (one object per
   line, or a single document) into out, an ARRAY of them. Returns 0, or -1
   with "name:LINE: what" in err (out then holds what was read). */
int rk__json_parse_seq(const char *text, size_t len, const char *name, rk__json *out,
                       char *err, size_t errlen);
void rk__json_free(rk__json *v);

/* Member of an object, or NULL. */
const rk__json *rk__json_get(const rk__json *obj, const char *key);
/* String member of an object, or NULL. */
const char *rk__json_str(const rk__json *obj, const char *key);

#endif
