# SPDX-License-Identifier: MIT
# Reads racekit's format=json output (docs/REPORTS.md, schema 1: one object
# per line) and prints one line per "data-race" object: the source lines of
# its two accesses in the program file `src` (a base name), smaller first,
# "?" for a side with no frame in that file. For each side, the first frame
# of access.stack / previous.stack whose file is `src` counts (frames of
# interceptors such as memcpy are skipped). A "summary" object prints
# "summary N".
function first_line(s,    m, f, l) {
  while (match(s, /"file":"[^"]*","line":[0-9]+/)) {
    m = substr(s, RSTART, RLENGTH)
    s = substr(s, RSTART + RLENGTH)
    f = m; sub(/^"file":"/, "", f); sub(/","line":[0-9]+$/, "", f)
    l = m; sub(/^.*"line":/, "", l)
    if (f == src || (length(f) > length(src) && substr(f, length(f) - length(src)) == "/" src)) return l
  }
  return "?"
}
/"type":"data-race"/ {
  i = index($0, "\"access\":{"); j = index($0, "\"previous\":{"); k = index($0, "\"location\":{")
  if (i == 0 || j <= i || k <= j) { print "? ?"; next }
  a = first_line(substr($0, i, j - i))
  b = first_line(substr($0, j, k - j))
  if (a != "?" && b != "?" && a + 0 > b + 0) { t = a; a = b; b = t }
  print a, b
  next
}
/"type":"summary"/ {
  if (match($0, /"races":[0-9]+/)) print "summary", substr($0, RSTART + 8, RLENGTH - 8)
}
