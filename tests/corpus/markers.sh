#!/bin/sh
# SPDX-License-Identifier: MIT
# Consistency of the corpus sources: every program declares exactly one
# verdict form, and each `// expect: race L1 L2` names the lines that carry
# the racing accesses' markers (/* R1 */ and /* R2 */, R3 and R4 for a
# second race, ...), so a line shift cannot silently stale a verdict.
here=$(cd "$(dirname "$0")" && pwd)
status=0
n=0
for src in "$here"/*.c; do
  name=$(basename "$src")
  n=$((n + 1))
  expects=$(grep -c '^// expect: ' "$src")
  if [ "$expects" -eq 0 ]; then
    echo "$name: no '// expect:' line"; status=1; continue
  fi
  if grep -q '^// expect: norace' "$src"; then
    if [ "$expects" -ne 1 ] || grep -q '/\* R[0-9]' "$src"; then
      echo "$name: norace program with other verdicts or race markers"; status=1
    fi
    continue
  fi
  # Lines carrying markers, in marker order, paired as (R1 R2) (R3 R4) ...
  want=$(grep -o '^// expect: race [0-9]* [0-9]*' "$src" | awk '{ print $4, $5 }' | paste -sd' ')
  have=""
  k=1
  while grep -q "/\* R$k[ :*]" "$src"; do
    have="$have $(grep -n "/\* R$k[ :*]" "$src" | cut -d: -f1 | paste -sd' ')"
    k=$((k + 1))
  done
  have=${have# }
  if [ "$want" != "$have" ]; then
    echo "$name: expect lines '$want' but markers R1.. are on lines '$have'"; status=1
  fi
done
[ $status -eq 0 ] && echo "ok: $n corpus programs, verdicts consistent with their markers"
exit $status
