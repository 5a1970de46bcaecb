#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each test of a Criterion binary built with racekit's checker on its
# own (--filter) and check the verdict its source declares per test:
#   // expect: SUITE/NAME race L1 L2   that test's run reports exactly this
#                                      race (lines in SOURCE)
#   // expect: SUITE/NAME norace       no report, the run passes (status 0)
# then run the whole binary: every declared race reported, each once; and
# once more with RACEKIT_OPTIONS=halt_on_error=1, where the checker ends a
# racy test's child at its race, so Criterion marks exactly the racy tests
# [FAIL] and exits non-zero. (Without halt_on_error the child exits with
# status 66 only after reporting its result, and Criterion counts the test
# as passing: the race is printed, not failed.)
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
run_halting() { # out-file criterion-args...
  out=$1; shift
  env -u TSAN_OPTIONS RACEKIT_OPTIONS=halt_on_error=1 "$prog" --jobs=1 "$@" >"$out" 2>&1 </dev/null
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
    else
      echo "ok $test: race $a $b"
    fi
  fi
done <"$tmp/expects"

run "$tmp/out"
st=$?
pairs "$tmp/out" >"$tmp/got"
sort "$tmp/all_expected" >"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/got"; then
  fail "whole binary: reported [$(paste -sd';' "$tmp/got")], want [$(paste -sd';' "$tmp/want")]"
else
  echo "ok whole binary: $(wc -l <"$tmp/got") races reported"
fi

run_halting "$tmp/out"
st=$?
pairs "$tmp/out" >"$tmp/got"
ok=1
if ! cmp -s "$tmp/want" "$tmp/got"; then
  fail "halt_on_error=1: reported [$(paste -sd';' "$tmp/got")], want [$(paste -sd';' "$tmp/want")]"; ok=0
fi
[ $st -ne 0 ] || { fail "halt_on_error=1: Criterion exited 0 although tests raced"; ok=0; }
while read -r test verdict a b; do
  cname=$(echo "$test" | sed 's|/|::|')
  if [ "$verdict" = norace ]; then
    ! grep -q "\[FAIL\] $cname:" "$tmp/out" || { fail "halt_on_error=1: race-free $cname marked FAIL"; ok=0; }
  else
    grep -q "\[FAIL\] $cname:" "$tmp/out" || { fail "halt_on_error=1: racy $cname not marked FAIL"; ok=0; }
  fi
done <"$tmp/expects"
[ $ok -eq 1 ] && echo "ok halt_on_error=1: exactly the racy tests fail (status $st)"
exit $status
