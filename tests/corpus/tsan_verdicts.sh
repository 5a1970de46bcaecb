#!/bin/sh
# SPDX-License-Identifier: MIT
# Build every corpus program with clang's and gcc's own ThreadSanitizer and
# print, as a Markdown table, each program's expected verdict beside what
# each TSan reported ("race L1 L2", "norace"), marking disagreements in
# bold. When BUILD_DIR holds the corpus built with racekit's checker
# (tests/corpus/clang/, tests/corpus/gcc/), its verdicts are shown too.
# Informational: the corpus declares where TSan is known to be wrong
# (`// tsan: miss`, `// tsan: false-positive`); this shows it.
# Usage: tests/corpus/tsan_verdicts.sh [BUILD_DIR] [PROGRAM.c...]
#   BUILD_DIR (default build/) provides lib/libracekit.a for the programs
#   that use the racekit library; without it they are skipped.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
lib=$build/lib/libracekit.a

if [ $# -eq 0 ]; then set -- "$here"/*.c; fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

verdict() { # compiler source
  cc=$1 src=$2 name=$(basename "$2" .c)
  extra=""
  if grep -q '^#include <racekit/racekit.h>' "$src"; then
    [ -f "$lib" ] || { echo "skipped (no libracekit.a)"; return; }
    extra=$lib
  fi
  # shellcheck disable=SC2086 # $extra is one path or nothing
  if ! $cc -fsanitize=thread -g -O1 -w -I"$root/racekit/include" -o "$tmp/$name.$cc" "$src" $extra -lpthread \
      2>"$tmp/cc.err"; then
    echo "build failed: $(head -n 1 "$tmp/cc.err")"
    return
  fi
  "$here/check.sh" --verdict "$tmp/$name.$cc" "$src"
}

rk_cols=""
[ -d "$build/tests/corpus/clang" ] && rk_cols="$rk_cols clang"
[ -d "$build/tests/corpus/gcc" ] && rk_cols="$rk_cols gcc"
head="| program | expected"
sep="|---|---"
for c in $rk_cols; do head="$head | racekit $c"; sep="$sep|---"; done
echo "$head | clang TSan | gcc TSan |"
echo "$sep|---|---|"
for src in "$@"; do
  name=$(basename "$src" .c)
  want=$(sed -n 's|^// expect: ||p' "$src" \
    | awk '$1 == "race" { a = $2; b = $3; if (a + 0 > b + 0) { t = a; a = b; b = t } print "race " a " " b; next } { print }' \
    | sort | paste -sd';' | sed 's/;/; /g')
  expect=$want
  note=$(sed -n 's|^// tsan: ||p' "$src")
  [ -n "$note" ] && expect="$expect (TSan: $note)"
  row="| $name | $expect"
  for c in $rk_cols; do
    if [ -x "$build/tests/corpus/$c/$name" ]; then
      got=$("$here/check.sh" --verdict "$build/tests/corpus/$c/$name" "$src")
    else
      got="not built"
    fi
    if [ "$got" = "$want" ]; then row="$row | $got"; else row="$row | **$got**"; fi
  done
  for cc in clang gcc; do
    got=$(verdict $cc "$src")
    case $got in
      "$want") row="$row | $got" ;;
      skipped*) row="$row | $got" ;;
      *) row="$row | **$got**" ;;
    esac
  done
  echo "$row |"
done
