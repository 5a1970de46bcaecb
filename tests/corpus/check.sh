#!/bin/sh
# SPDX-License-Identifier: MIT
# Run one corpus program built with a race checker and compare what the
# checker reported with the verdict its source declares:
#   // expect: norace          exit status 0, nothing on stdout or stderr
#   // expect: race L1 L2      exit status 66 and exactly one report whose two
#                              accesses are at lines L1 and L2 of the source
#                              (order-insensitive); several such lines mean
#                              several distinct races, each reported once
# The program runs twice: with racekit's default report format (go, what a
# user reads; parse_report.awk) and with RACEKIT_OPTIONS=format=json
# (parse_json.awk). Both must agree with the declaration.
# Usage: check.sh PROGRAM SOURCE.c        exit 0 when they agree
#        check.sh --verdict PROGRAM SOURCE.c
#                   run once, parse the text report (any checker, e.g.
#                   ThreadSanitizer) and print the observed verdict in the
#                   `expect:` syntax ("race 14 22; race 30 31", "norace",
#                   or "error: ...")
set -u
here=$(cd "$(dirname "$0")" && pwd)
mode=check
if [ "${1:-}" = "--verdict" ]; then mode=verdict; shift; fi
if [ $# -ne 2 ]; then
  echo "usage: check.sh [--verdict] PROGRAM SOURCE.c" >&2
  exit 2
fi
prog=$1
src=$2
name=$(basename "$src")

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# run FORMAT: run the program with that report format ("" = default) into
# $tmp/out, $tmp/err, $status; the reported pairs (sorted) into $tmp/got and
# their number into $nrep; the checker's own count of races, if it printed
# one, into $found.
run() {
  if [ -n "$1" ]; then
    env -u TSAN_OPTIONS RACEKIT_OPTIONS="format=$1" "$prog" >"$tmp/out" 2>"$tmp/err" </dev/null
  else
    env -u RACEKIT_OPTIONS -u TSAN_OPTIONS "$prog" >"$tmp/out" 2>"$tmp/err" </dev/null
  fi
  status=$?
  if [ "$1" = json ]; then
    awk -v src="$name" -f "$here/parse_json.awk" "$tmp/err" >"$tmp/parsed"
    grep -v '^summary ' "$tmp/parsed" | sort >"$tmp/got"
    found=$(sed -n 's/^summary //p' "$tmp/parsed" | tail -n 1)
  else
    awk -v src="$name" -f "$here/parse_report.awk" "$tmp/err" | sort >"$tmp/got"
    # racekit's go format ends with "Found N data race(s)".
    found=$(sed -n 's/^Found \([0-9][0-9]*\) data race.*/\1/p' "$tmp/err" | tail -n 1)
  fi
  nrep=$(wc -l <"$tmp/got")
}

if [ $mode = verdict ]; then
  run ""
  if [ "$nrep" -eq 0 ] && [ $status -eq 0 ] && [ ! -s "$tmp/err" ]; then
    echo norace
  elif [ "$nrep" -gt 0 ]; then
    v=$(sed 's/^/race /' "$tmp/got" | paste -sd';' | sed 's/;/; /g')
    [ $status -eq 66 ] || v="$v (exit $status)"
    echo "$v"
  else
    echo "error: exit $status, $(head -n 1 "$tmp/err" | cut -c1-120)"
  fi
  exit 0
fi

# Expected: "norace" or sorted "L1 L2" lines.
grep -E '^// expect: (norace|race [0-9]+ [0-9]+)[[:space:]]*$' "$src" | sed 's|^// expect: ||' >"$tmp/expect.raw"
if [ ! -s "$tmp/expect.raw" ]; then
  echo "check.sh: $src declares no '// expect:' verdict" >&2
  exit 2
fi
if grep -qx norace "$tmp/expect.raw"; then
  expect_race=0
else
  expect_race=1
  awk '{ a = $2; b = $3; if (a + 0 > b + 0) { t = a; a = b; b = t } print a, b }' "$tmp/expect.raw" \
    | sort >"$tmp/expect"
fi

fail() { # format message
  echo "FAIL $name (format=${fmt:-go}): $*"
  echo "--- expected:"; cat "$tmp/expect.raw"
  echo "--- exit status: $status"
  echo "--- reported pairs (lines in $name):"; cat "$tmp/got"
  echo "--- stdout:"; cat "$tmp/out"
  echo "--- stderr:"; cat "$tmp/err"
  exit 1
}

for fmt in "" json; do
  run "$fmt"
  if [ $expect_race -eq 0 ]; then
    [ $status -eq 0 ] || fail "race-free program exited with status $status (want 0)"
    [ ! -s "$tmp/err" ] || fail "race-free program wrote to stderr"
    [ ! -s "$tmp/out" ] || fail "race-free program wrote to stdout"
  else
    [ $status -eq 66 ] || fail "racy program exited with status $status (want 66)"
    [ "$nrep" -gt 0 ] || fail "no race report found"
    cmp -s "$tmp/expect" "$tmp/got" || fail "reported races differ from the expected ones"
    [ -n "$found" ] || fail "no final race count (go: 'Found N data race(s)', json: summary object)"
    [ "$found" -eq "$nrep" ] || fail "the checker counts $found race(s) but printed $nrep reports"
  fi
done
if [ $expect_race -eq 0 ]; then
  echo "ok $name: norace (go and json formats)"
else
  echo "ok $name: race $(paste -sd';' "$tmp/got") (go and json formats)"
fi
exit 0
