# SPDX-License-Identifier: MIT
# Reads a race checker's text output (racekit's go or tsan format, or
# ThreadSanitizer's own) and prints one line per race report: the source
# lines of the two conflicting accesses in the program file `src` (a base
# name, e.g. -v src=mutex_race.c), smaller first, "?" for a side whose stack
# has no frame in that file. The current access is the first frame in `src`
# after the report header; the previous access is the first frame in `src`
# after the "Previous ..." line, up to the next blank line. Frames in other
# files (interceptors such as memcpy or free, libraries) are skipped.
function srcline(s,    i, rest) {
  i = index(s, "/" src ":")
  if (i > 0) {
    rest = substr(s, i + length(src) + 2)
  } else if (index(s, " " src ":") > 0) {
    rest = substr(s, index(s, " " src ":") + length(src) + 2)
  } else {
    return ""
  }
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
sec == 1 && /Previous/ { sec = 2; next }
sec == 2 && /^[ \t]*$/ { sec = 3; next }
sec == 1 && a == "" { l = srcline($0); if (l != "") a = l; next }
sec == 2 && b == "" { l = srcline($0); if (l != "") b = l; next }
END { flush() }
