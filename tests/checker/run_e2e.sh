#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs one end-to-end program of the checker and checks its verdict.
# usage: run_e2e.sh PROGRAM SOURCE
# The source says "expect: clean" (exit 0, no output at all) or
# "expect: race N" (exit 66, exactly N "WARNING: DATA RACE" reports, and
# every line marked RACE named as file:line: in the output, and no line
# marked NOFRAME named: frames the reports must not show). Exit 77 from
# the program means "cannot set up the situation here": skipped.
prog=$1
src=$2
base=$(basename "$src")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$prog" >"$out" 2>&1
st=$?
fail() {
  echo "FAIL: $base: $*"
  echo "---- output (exit $st) ----"
  cat "$out"
  exit 1
}
[ "$st" -eq 77 ] && { echo "SKIP: $base"; exit 77; }
if grep -q 'expect: clean' "$src"; then
  [ "$st" -eq 0 ] || fail "expected exit 0"
  [ -s "$out" ] && fail "expected no output"
  echo "PASS: $base (clean)"
  exit 0
fi
n=$(sed -n 's/.*expect: race \([0-9][0-9]*\).*/\1/p' "$src" | head -1)
[ -n "$n" ] || fail "no 'expect:' line in the source"
[ "$st" -eq 66 ] || fail "expected exit 66"
got=$(grep -c 'WARNING: DATA RACE' "$out")
[ "$got" -eq "$n" ] || fail "expected $n report(s), got $got"
for line in $(grep -n 'RACE \*/' "$src" | cut -d: -f1); do
  grep -q "$base:$line:" "$out" || fail "report does not name $base:$line"
done
for line in $(grep -n 'NOFRAME \*/' "$src" | cut -d: -f1); do
  grep -q "$base:$line:" "$out" && fail "report names $base:$line (a frame it must not show)"
done
echo "PASS: $base ($n race(s), lines named)"
exit 0
