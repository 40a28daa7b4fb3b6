# Sourced by the reliability benches: replace_section FILE MARKER TEXT puts TEXT (which starts with
# "<!-- MARKER:begin" and ends with "<!-- MARKER:end -->") in place of FILE's MARKER section, or
# appends it; every other part of FILE is kept.
replace_section() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, re, sys
path, marker, section = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read() if os.path.exists(path) else "# Reliability\n\n"
pattern = re.compile(r"<!-- " + re.escape(marker) + r":begin.*?<!-- " + re.escape(marker) + r":end -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
}
