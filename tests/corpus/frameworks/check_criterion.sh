#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each test of a Criterion binary built with racekit's checker on its
# own (--filter) and check the verdict its source declares per test:
#   // expect: SUITE/NAME race L1 L2   that test's run reports exactly this
#                                      race (lines in SOURCE) and fails
#   // expect: SUITE/NAME norace       no report, the run passes (status 0)
# then run the whole binary once: every declared race reported, each once.
# Usage: check_criterion.sh PROGRAM SOURCE.c
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 2 ] || { echo "usage: check_criterion.sh PROGRAM SOURCE.c" >&2; exit 2; }
prog=$1
src=$2
name=$(basename "$src")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0

run() { # out-file criterion-args...
  out=$1; shift
  env -u RACEKIT_OPTIONS -u TSAN_OPTIONS "$prog" --jobs=1 "$@" >"$out" 2>&1 </dev/null
}
pairs() { awk -v src="$name" -f "$here/../parse_report.awk" "$1" | sort; }
fail() { echo "FAIL $*"; echo "--- output:"; cat "$tmp/out"; status=1; }

grep '^// expect: ' "$src" | sed 's|^// expect: ||' >"$tmp/expects"
[ -s "$tmp/expects" ] || { echo "check_criterion.sh: no verdicts in $src" >&2; exit 2; }
: >"$tmp/all_expected"
while read -r test verdict a b; do
  run "$tmp/out" --filter="$test"
  st=$?
  pairs "$tmp/out" >"$tmp/got"
  if [ "$verdict" = norace ]; then
    if [ -s "$tmp/got" ] || grep -q 'DATA RACE' "$tmp/out"; then
      fail "$test: race reported in a race-free test"
    elif [ $st -ne 0 ]; then
      fail "$test: exit status $st (want 0)"
    else
      echo "ok $test: norace"
    fi
  else
    if [ "$a" -gt "$b" ]; then t=$a; a=$b; b=$t; fi
    echo "$a $b" >"$tmp/want"
    echo "$a $b" >>"$tmp/all_expected"
    if ! cmp -s "$tmp/want" "$tmp/got"; then
      fail "$test: reported [$(paste -sd';' "$tmp/got")], want [$a $b]"
    elif [ $st -eq 0 ]; then
      fail "$test: the run passed although its test raced"
    else
      echo "ok $test: race $a $b (run failed with status $st)"
    fi
  fi
done <"$tmp/expects"

run "$tmp/out"
st=$?
pairs "$tmp/out" >"$tmp/got"
sort "$tmp/all_expected" >"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/got"; then
  fail "whole binary: reported [$(paste -sd';' "$tmp/got")], want [$(paste -sd';' "$tmp/want")]"
elif [ $st -eq 0 ]; then
  fail "whole binary: the run passed although tests raced"
else
  echo "ok whole binary: $(wc -l <"$tmp/got") races (status $st)"
fi
exit $status
