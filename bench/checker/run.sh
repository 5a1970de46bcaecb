#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The checker benchmark: each program of bench/checker/ built four ways --
# native (clang -O1, no instrumentation), with racekit's checker (clang
# -fsanitize=thread instrumentation linked with libracekit_rt.a, as
# `racekit cc` does), with clang's ThreadSanitizer and with gcc's -- run
# several times in interleaved rounds; prints the median wall time and peak
# RSS of each build and their ratios to native, as Markdown tables.
# Every build must print the same result line as native, exit 0 and print
# no race report (the programs are race-free); a cell marked "!" did not.
#
# Usage: bench/checker/run.sh [--runs N] [--build DIR] [PROGRAM...]
#   --runs N     runs per build (default 5; the median is reported)
#   --build DIR  the CMake build holding lib/libracekit.a and
#                lib/libracekit_rt.a (default: $RK_BENCH_BUILD_DIR, else
#                build/, as scripts/bench)
#   PROGRAM      a subset of: stream locks atomics churn pipeline wordcount
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=5
build=${RK_BENCH_BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
programs=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    -h|--help) sed -n '3,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    *) programs+=("$1"); shift ;;
  esac
done
[ ${#programs[@]} -gt 0 ] || programs=(stream locks atomics churn pipeline wordcount)
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
lib=$build/lib/libracekit.a
rt=$build/lib/libracekit_rt.a
[ -f "$lib" ] || { echo "run.sh: $lib not found: build racekit first (scripts/test --quick)" >&2; exit 2; }
out=$build/bench-checker
mkdir -p "$out"

variants=(native racekit clang-tsan gcc-tsan)
declare -A label=([native]="native" [racekit]="racekit" [clang-tsan]="clang TSan" [gcc-tsan]="gcc TSan")
inc="-I$root/racekit/include"

cc -O2 -o "$out/measure" "$here/measure.c" || exit 1

# build VARIANT PROGRAM: prints nothing, returns non-zero on failure.
build_one() {
  local v=$1 p=$2 src=$here/$2.c exe=$out/$2.$1
  local extra=()
  grep -q '^#include <racekit/racekit.h>' "$src" && extra=("$lib")
  case $v in
    native) clang -O1 -g $inc -o "$exe" "$src" "${extra[@]}" -lpthread ;;
    racekit)
      [ -f "$rt" ] || { echo "no $rt (the checker runtime is not built)" >&2; return 1; }
      clang -fsanitize=thread -O1 -g $inc -c -o "$exe.o" "$src" &&
        clang -o "$exe" "$exe.o" -Wl,--whole-archive "$rt" -Wl,--no-whole-archive "$lib" \
          -ldw -lelf -lpthread -ldl -lm ;;
    clang-tsan) clang -fsanitize=thread -O1 -g $inc -o "$exe" "$src" "${extra[@]}" -lpthread ;;
    gcc-tsan) gcc -fsanitize=thread -O1 -g $inc -o "$exe" "$src" "${extra[@]}" -lpthread ;;
  esac
}

declare -A built bad
for p in "${programs[@]}"; do
  [ -f "$here/$p.c" ] || { echo "run.sh: no program '$p'" >&2; exit 2; }
  for v in "${variants[@]}"; do
    if build_one "$v" "$p" 2>"$out/$p.$v.build.log"; then built[$p.$v]=1; else built[$p.$v]=0; fi
  done
done

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# Interleaved rounds, so that a slow period of the machine hits every build.
for ((r = 1; r <= runs; r++)); do
  for p in "${programs[@]}"; do
    for v in "${variants[@]}"; do
      [ "${built[$p.$v]}" = 1 ] || continue
      env -u RACEKIT_OPTIONS -u TSAN_OPTIONS "$out/measure" "$out/m" "$out/$p.$v" >"$out/$p.$v.out" 2>"$out/$p.$v.err"
      read -r secs kb st <"$out/m"
      echo "$secs $kb" >>"$out/$p.$v.samples.$$"
      if [ "$st" != 0 ] || [ -s "$out/$p.$v.err" ] ||
        { [ "$v" != native ] && ! cmp -s "$out/$p.$v.out" "$out/$p.native.out"; }; then
        bad[$p.$v]=1
      fi
    done
  done
  echo "run.sh: round $r/$runs done" >&2
done

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
declare -A tmed mmed
for p in "${programs[@]}"; do
  for v in "${variants[@]}"; do
    f=$out/$p.$v.samples.$$
    [ -f "$f" ] || continue
    tmed[$p.$v]=$(cut -d' ' -f1 "$f" | median)
    mmed[$p.$v]=$(cut -d' ' -f2 "$f" | median)
    rm -f "$f"
  done
done

cell() { # program variant kind(time|mem)
  local p=$1 v=$2 k=$3 val base flag=""
  [ -n "${tmed[$p.$v]:-}" ] || { echo "n/a"; return; }
  [ -n "${bad[$p.$v]:-}" ] && flag=" !"
  if [ "$k" = time ]; then val=${tmed[$p.$v]} base=${tmed[$p.native]:-}; else val=${mmed[$p.$v]} base=${mmed[$p.native]:-}; fi
  if [ "$v" = native ] || [ -z "$base" ]; then
    if [ "$k" = time ]; then awk -v a="$val" -v f="$flag" 'BEGIN { printf "%.2f s%s", a, f }'
    else awk -v a="$val" -v f="$flag" 'BEGIN { printf "%.0f MB%s", a / 1024, f }'; fi
  else
    awk -v a="$val" -v b="$base" -v f="$flag" 'BEGIN { printf "%.1fx%s", a / b, f }'
  fi
}

echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1);" \
  "load average $load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at end; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Compilers: $(clang --version | head -n 1); $(gcc --version | head -n 1)"
echo "Medians of $runs runs; ratios to native. (! = wrong output, non-zero exit or a report)"
echo
echo "| program | native time | racekit | clang TSan | gcc TSan | native peak RSS | racekit | clang TSan | gcc TSan | racekit <= clang TSan |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for p in "${programs[@]}"; do
  row="| $p | $(cell "$p" native time)"
  for v in racekit clang-tsan gcc-tsan; do row="$row | $(cell "$p" "$v" time)"; done
  row="$row | $(cell "$p" native mem)"
  for v in racekit clang-tsan gcc-tsan; do row="$row | $(cell "$p" "$v" mem)"; done
  met="n/a"
  if [ -n "${tmed[$p.racekit]:-}" ] && [ -n "${tmed[$p.clang-tsan]:-}" ]; then
    t=$(awk -v a="${tmed[$p.racekit]}" -v b="${tmed[$p.clang-tsan]}" 'BEGIN { print (a <= b) }')
    m=$(awk -v a="${mmed[$p.racekit]}" -v b="${mmed[$p.clang-tsan]}" 'BEGIN { print (a <= b) }')
    met="time $([ "$t" = 1 ] && echo yes || echo NO), memory $([ "$m" = 1 ] && echo yes || echo NO)"
  fi
  echo "$row | $met |"
done
for p in "${programs[@]}"; do
  for v in "${variants[@]}"; do
    if [ "${built[$p.$v]}" != 1 ]; then
      echo "note: $p was not built for ${label[$v]}: $(head -n 1 "$out/$p.$v.build.log" 2>/dev/null)"
    fi
  done
done
