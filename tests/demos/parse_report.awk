# SPDX-License-Identifier: MIT
# Reads a race checker's text output and prints one line per race report:
# the lines of the two conflicting accesses in the demo file `src` (a base
# name: -v src=racy.c), smaller first, "?" for a side with no frame in src.
# Understands ThreadSanitizer's layout ("Write of size 4 at ... by thread
# T1:" then "#0 func /path/racy.c:12:3 (...)") and racekit's go layout
# ("Write at 0x... by goroutine 7:" then "func()" and "/path/racy.c:12:3
# +0x..."). For each access the first frame in src counts: frames of
# interceptors (free, realloc, memcpy) and libraries are skipped.
function srcline(s,    i, rest) {
  i = index(s, "/" src ":")
  if (i == 0) i = index(s, " " src ":")
  if (i == 0) return ""
  rest = substr(s, i + length(src) + 2)
  if (match(rest, /^[0-9]+/)) return substr(rest, 1, RLENGTH)
  return ""
}
function flush() {
  if (!inrep) return
  if (a == "") a = "?"
  if (b == "") b = "?"
  if (a != "?" && b != "?" && a + 0 > b + 0) { t = a; a = b; b = t }
  print a, b
  inrep = 0
}
/WARNING: (DATA RACE|ThreadSanitizer: data race|ThreadSanitizer: heap-use-after-free)/ {
  flush(); inrep = 1; sec = 1; a = ""; b = ""; next
}
!inrep { next }
/^==================/ { flush(); next }
/^SUMMARY:/ { flush(); next }
sec == 1 && /Previous/ { sec = 2; next }
sec == 2 && /^[ \t]*$/ { sec = 3; next }
sec == 1 && a == "" { l = srcline($0); if (l != "") a = l; next }
sec == 2 && b == "" { l = srcline($0); if (l != "") b = l; next }
END { flush() }
