#!/bin/sh
# SPDX-License-Identifier: MIT
# Run a program and check what a user would see: its exit status, patterns
# its output (stdout and stderr) must contain and patterns it must not
# contain (extended regexps). Used for programs whose verdict is not just
# "exit 0": the deadlock programs (status 2) and the happens-before programs
# (status 66 and a ThreadSanitizer report for the racy ones).
# Usage: expect.sh STATUS [--has RE]... [--not RE]... -- PROGRAM [ARGS...]
status=$1
shift
has_file=$(mktemp) not_file=$(mktemp)
trap 'rm -f "$has_file" "$not_file"' EXIT
while [ $# -gt 0 ]; do
  case $1 in
    --has) printf '%s\n' "$2" >>"$has_file"; shift 2 ;;
    --not) printf '%s\n' "$2" >>"$not_file"; shift 2 ;;
    --) shift; break ;;
    *) echo "expect.sh: bad argument '$1'" >&2; exit 2 ;;
  esac
done
out=$("$@" 2>&1)
got=$?
fail=0
if [ "$got" != "$status" ]; then
  echo "expect.sh: '$*' exited with status $got, expected $status" >&2
  fail=1
fi
while IFS= read -r re; do
  if ! printf '%s\n' "$out" | grep -Eq -- "$re"; then
    echo "expect.sh: output does not match '$re'" >&2
    fail=1
  fi
done <"$has_file"
while IFS= read -r re; do
  if printf '%s\n' "$out" | grep -Eq -- "$re"; then
    echo "expect.sh: output matches '$re', which it must not" >&2
    fail=1
  fi
done <"$not_file"
if [ $fail -ne 0 ]; then
  echo "---- output:" >&2
  printf '%s\n' "$out" >&2
  exit 1
fi
exit 0
