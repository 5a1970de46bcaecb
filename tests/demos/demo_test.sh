#!/bin/sh
# SPDX-License-Identifier: MIT
# One check of one workshop demo (demos/TOPIC), run by ctest:
#   demo_test.sh manifest DEMOS                  the manifest and the folders agree
#   demo_test.sh output   DEMOS TOPIC CC LIB     fixed.c (plain build) prints exactly
#                                                expected.txt; racy.c runs to the end
#   demo_test.sh tsan     DEMOS TOPIC CC LIB     under CC's ThreadSanitizer (CC -fsanitize=thread
#                                                -g -O1, linked with LIB = libracekit.a):
#                                                racy.c is reported with exactly the two
#                                                manifest lines, fixed.c not at all and
#                                                prints expected.txt
#   demo_test.sh racekit  DEMOS TOPIC CC RACEKIT the same with racekit's checker
#                                                (RACEKIT cc --compiler=CC)
#   demo_test.sh verify   DEMOS TOPIC RACEKIT    `racekit demo verify TOPIC fixed.c` passes,
#                                                with racy.c it fails
#   demo_test.sh deadlock DEMOS TOPIC CC LIB     TOPIC/deadlock.c (plain build) stops with
#                                                racekit's deadlock report: the fatal line,
#                                                every goroutine blocked, two of them on
#                                                Mutex.Lock in deadlock.c
#   demo_test.sh go       DEMOS TOPIC GO         the Go twin (TOPIC/go/racy.go, fixed.go) under
#                                                `go build -race`: racy.go reported with one
#                                                pair of lines, fixed.go silent and printing
#                                                expected.txt
# Exit status 0 when the check passes; otherwise the last lines say why.
set -u
here=$(cd "$(dirname "$0")" && pwd)
check=${1:-}
demos=${2:-}
[ -n "$check" ] && [ -d "$demos" ] || { echo "usage: see the header of $0" >&2; exit 2; }
demos=$(cd "$demos" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# manifest_field TOPIC N: field N (1-4) of TOPIC's manifest line, trimmed.
manifest_field() {
  awk -F'|' -v t="$1" -v n="$2" '
    /^[ \t]*#/ || /^[ \t]*$/ { next }
    { f = $1; gsub(/^[ \t]+|[ \t]+$/, "", f); if (f != t) next
      v = $n; gsub(/^[ \t]+|[ \t]+$/, "", v); print v; exit }' "$demos/manifest"
}

# expected_pair TOPIC: the manifest's two racy lines, smaller first.
expected_pair() {
  manifest_field "$1" 2 | awk '{ a = $1; b = $2; if (a + 0 > b + 0) { t = a; a = b; b = t } print a, b }'
}

# check_racy OUT ERR STATUS PAIR [SRC]: every report names exactly PAIR (lines
# of SRC, default racy.c), at least one report; PAIR "any": one pair, whichever.
# Prints "none" when there is no report (the caller may retry).
check_racy() {
  awk -v src="${5:-racy.c}" -f "$here/parse_report.awk" "$2" | sort -u >"$tmp/pairs"
  if [ ! -s "$tmp/pairs" ]; then echo none; return 0; fi
  # ThreadSanitizer keeps a bounded history: for a repeat of the same race
  # (another address) it may print "[failed to restore the stack]" for one
  # side. With RK_TOLERATE_LOST_STACK=1 (ThreadSanitizer checks only), such a
  # report counts when its other side is one of the expected lines and a
  # complete report of the pair exists; it is noted on stderr, not hidden.
  if [ "${RK_TOLERATE_LOST_STACK:-0}" = 1 ] && [ "$4" != any ] && grep -qx "$4" "$tmp/pairs"; then
    awk -v a="${4% *}" -v b="${4#* }" '
      ($1 == "?" && ($2 == a || $2 == b)) || ($2 == "?" && ($1 == a || $1 == b)) { next } { print }' "$tmp/pairs" >"$tmp/pairs2"
    if ! cmp -s "$tmp/pairs" "$tmp/pairs2"; then
      echo "note: ThreadSanitizer could not restore one stack of a repeat report ($(grep '?' "$tmp/pairs" | paste -sd';' -)); counted as the expected pair" >&2
      mv "$tmp/pairs2" "$tmp/pairs"
    fi
  fi
  if [ "$4" = any ] && [ "$(wc -l <"$tmp/pairs")" -eq 1 ] && ! grep -q '?' "$tmp/pairs"; then
    set -- "$1" "$2" "$3" "$(cat "$tmp/pairs")"
  fi
  if [ "$(cat "$tmp/pairs")" != "$4" ]; then
    echo "racy.c: reported line pairs: $(paste -sd';' "$tmp/pairs"), expected exactly: $4"
    sed -n '1,60p' "$2" >&2
    return 0
  fi
  [ "$3" -eq 66 ] || { echo "racy.c: exit status $3, expected 66"; return 0; }
  echo ok
}

# check_fixed TOPIC OUT ERR STATUS: silent, exit 0, output as documented.
check_fixed() {
  if grep -q 'WARNING:' "$3"; then
    sed -n '1,60p' "$3" >&2
    fail "fixed.c: the checker reported something"
  fi
  [ "$4" -eq 0 ] || { cat "$3" >&2; fail "fixed.c: exit status $4, expected 0"; }
  if ! cmp -s "$2" "$demos/$1/expected.txt"; then
    diff "$demos/$1/expected.txt" "$2" >&2
    fail "fixed.c: output differs from expected.txt"
  fi
}

# run_racy TOPIC PROGRAM [PAIR SRC]: up to 3 runs until a report appears (a
# race is reported only when both accesses run: a few racy programs need
# the scheduler's help), then check it. PAIR defaults to the manifest's.
run_racy() {
  pair=${3:-$(expected_pair "$1")}
  [ -n "$pair" ] || fail "$1: no manifest line"
  for attempt in 1 2 3; do
    "$2" >"$tmp/racy.out" 2>"$tmp/racy.err" </dev/null
    st=$?
    verdict=$(check_racy "$tmp/racy.out" "$tmp/racy.err" $st "$pair" "${4:-racy.c}")
    [ "$verdict" = none ] || break
    echo "racy.c: no report in run $attempt (exit status $st)" >&2
  done
  [ "$verdict" != none ] || fail "racy.c: no report in 3 runs, expected lines $pair"
  [ "$verdict" = ok ] || fail "$verdict"
  echo "${4:-racy.c}: reported at lines $(cat "$tmp/pairs") (exit 66)"
}

cflags="-std=gnu11 -g -O1 -Wall -Wextra -Werror -I$demos/../racekit/include"

case "$check" in
manifest)
  [ -f "$demos/manifest" ] || fail "no $demos/manifest"
  awk -F'|' '
    /^[ \t]*#/ || /^[ \t]*$/ { next }
    NF != 4 { printf "manifest:%d: %d fields, expected 4\n", NR, NF; bad = 1; next }
    { t = $1; gsub(/^[ \t]+|[ \t]+$/, "", t)
      if (seen[t]++) { printf "manifest:%d: topic %s listed twice\n", NR, t; bad = 1 }
      l = $2; gsub(/^[ \t]+|[ \t]+$/, "", l)
      if (l !~ /^[1-9][0-9]* +[1-9][0-9]*$/) { printf "manifest:%d: racy lines \"%s\" are not two line numbers\n", NR, l; bad = 1 }
      for (i = 3; i <= 4; i++) { f = $i; gsub(/^[ \t]+|[ \t]+$/, "", f); if (f == "") { printf "manifest:%d: empty field %d\n", NR, i; bad = 1 } } }
    END { exit bad }' "$demos/manifest" || fail "malformed manifest"
  topics=$(awk -F'|' '/^[ \t]*#/ || /^[ \t]*$/ { next } { t = $1; gsub(/^[ \t]+|[ \t]+$/, "", t); print t }' "$demos/manifest")
  n=0
  for t in $topics; do
    n=$((n + 1))
    for f in racy.c fixed.c README.md expected.txt; do
      [ -f "$demos/$t/$f" ] || fail "topic $t: no demos/$t/$f"
    done
    len=$(wc -l <"$demos/$t/racy.c")
    for l in $(manifest_field "$t" 2); do
      [ "$l" -le "$len" ] || fail "topic $t: racy line $l is past the end of racy.c ($len lines)"
      grep -q "racy\.c:$l\([^0-9]\|\$\)" "$demos/$t/README.md" \
        || fail "topic $t: README.md does not point at racy.c:$l, a line of the race"
    done
    for r in $(grep -o 'racy\.c:[0-9]*' "$demos/$t/README.md" | sort -u); do
      echo " $(manifest_field "$t" 2) " | grep -q " ${r#racy.c:} " \
        || fail "topic $t: README.md points at $r, which is not a line of the race"
    done
  done
  for d in "$demos"/*/; do
    t=$(basename "$d")
    echo "$topics" | grep -qx "$t" || fail "folder demos/$t has no manifest line"
  done
  [ $n -ge 16 ] || fail "only $n topics, the catalogue promises at least 16"
  echo "manifest: $n topics, each with racy.c, fixed.c, README.md (pointing at the two racy lines), expected.txt"
  ;;
output)
  topic=$3 cc=$4 lib=$5
  $cc $cflags -o "$tmp/fixed" "$demos/$topic/fixed.c" "$lib" -lpthread || fail "fixed.c does not build with $cc"
  $cc $cflags -o "$tmp/racy" "$demos/$topic/racy.c" "$lib" -lpthread || fail "racy.c does not build with $cc"
  "$tmp/fixed" >"$tmp/out" 2>"$tmp/err" </dev/null
  check_fixed "$topic" "$tmp/out" "$tmp/err" $?
  "$tmp/racy" >"$tmp/rout" 2>"$tmp/rerr" </dev/null || { cat "$tmp/rerr" >&2; fail "racy.c (plain build) exited with status $?"; }
  echo "fixed.c prints expected.txt; racy.c runs to the end"
  ;;
tsan)
  topic=$3 cc=$4 lib=$5
  for v in racy fixed; do
    $cc $cflags -fsanitize=thread -o "$tmp/$v" "$demos/$topic/$v.c" "$lib" -lpthread \
      || fail "$v.c does not build with $cc -fsanitize=thread"
  done
  export TSAN_OPTIONS="exitcode=66 halt_on_error=0"
  RK_TOLERATE_LOST_STACK=1 run_racy "$topic" "$tmp/racy"
  "$tmp/fixed" >"$tmp/out" 2>"$tmp/err" </dev/null
  check_fixed "$topic" "$tmp/out" "$tmp/err" $?
  echo "fixed.c: no report, output as expected.txt"
  ;;
racekit)
  topic=$3 cc=$4 racekit=$5
  for v in racy fixed; do
    "$racekit" cc --compiler="$cc" $cflags -o "$tmp/$v" "$demos/$topic/$v.c" \
      || fail "$v.c does not build with racekit cc --compiler=$cc"
  done
  unset RACEKIT_OPTIONS TSAN_OPTIONS
  run_racy "$topic" "$tmp/racy"
  "$tmp/fixed" >"$tmp/out" 2>"$tmp/err" </dev/null
  check_fixed "$topic" "$tmp/out" "$tmp/err" $?
  echo "fixed.c: no report, output as expected.txt"
  ;;
verify)
  topic=$3 racekit=$4
  "$racekit" demo verify "$topic" "$demos/$topic/fixed.c" >"$tmp/vf" 2>&1
  st=$?
  [ $st -eq 0 ] || { cat "$tmp/vf" >&2; fail "verify rejected fixed.c (exit status $st)"; }
  "$racekit" demo verify "$topic" "$demos/$topic/racy.c" >"$tmp/vr" 2>&1
  st=$?
  [ $st -ne 0 ] || { cat "$tmp/vr" >&2; fail "verify accepted racy.c"; }
  echo "verify: fixed.c passes, racy.c fails (exit status $st)"
  ;;
deadlock)
  topic=$3 cc=$4 lib=$5
  $cc $cflags -o "$tmp/deadlock" "$demos/$topic/deadlock.c" "$lib" -lpthread || fail "deadlock.c does not build with $cc"
  "$tmp/deadlock" >"$tmp/out" 2>"$tmp/err" </dev/null
  st=$?
  cat "$tmp/err" >&2
  [ $st -ne 0 ] || fail "deadlock.c finished (exit status 0) instead of deadlocking"
  grep -qx 'fatal error: all goroutines are asleep - deadlock!' "$tmp/err" || fail "no deadlock report"
  n=$(grep -c '\[Mutex.Lock\]' "$tmp/err")
  [ "$n" -ge 2 ] || fail "expected two goroutines blocked in Mutex.Lock, the report shows $n"
  [ "$(grep -c "deadlock.c:[0-9]" "$tmp/err")" -ge 2 ] || fail "the report does not name lines of deadlock.c"
  echo "deadlock.c: deadlock reported (exit status $st)"
  ;;
go)
  topic=$3 gobin=$4
  [ -d "$demos/$topic/go" ] || fail "no demos/$topic/go"
  for v in racy fixed; do
    (cd "$demos/$topic/go" && "$gobin" build -race -o "$tmp/$v" $v.go) || fail "$v.go does not build with go build -race"
  done
  unset GORACE
  run_racy "$topic" "$tmp/racy" any racy.go
  "$tmp/fixed" >"$tmp/out" 2>"$tmp/err" </dev/null
  check_fixed "$topic" "$tmp/out" "$tmp/err" $?
  echo "fixed.go: no report, output as expected.txt"
  ;;
*)
  echo "demo_test.sh: unknown check '$check'" >&2
  exit 2
  ;;
esac
