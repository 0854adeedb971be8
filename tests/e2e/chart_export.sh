#!/usr/bin/env bash
# `export --format svg|png`: the timeline chart parses as XML, keeps hostile titles as text, renders
# (rsvg-convert, Debian's librsvg2-bin) to a PNG that is not blank, and the PNG format is one too.
source "$(dirname "$0")/lib.bash"
: "${SAMPLE_DOC:?}" "${SOURCE_DIR:?}"
S=$SCRATCH
command -v xmllint >/dev/null || { echo "FAIL: no xmllint (apt-get install libxml2-utils)"; exit 1; }
command -v rsvg-convert >/dev/null || { echo "FAIL: no rsvg-convert (apt-get install librsvg2-bin)"; exit 1; }
svg_size() { sed -n 's/.*<svg [^>]*width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/p' "$1" | head -1 | awk '{printf "%d %d", $1 + 0.5, $2 + 0.99}'; }

# the sample, every lane mode: XML, real text in the editor's font, a legend, a PNG with content
for lanes in tag entity series none; do
  expect_status 0 "svg --lanes $lanes" -- "$UCHRONIA" export "$SAMPLE_DOC" --format svg --lanes "$lanes" -o "$S/sample-$lanes.svg"
  if xmllint --noout "$S/sample-$lanes.svg" 2>"$S/xml.err"; then pass; else fail "svg --lanes $lanes is not XML: $(head -3 "$S/xml.err")"; fi
  expect_contains "$S/sample-$lanes.svg" 'font-family="DejaVu Sans' "svg font"
  expect_contains "$S/sample-$lanes.svg" '>Legend</text>' "svg legend"
  expect_contains "$S/sample-$lanes.svg" '>Bolshevik uprising</text>' "an entry's title as SVG text"
  rsvg-convert "$S/sample-$lanes.svg" -o "$S/sample-$lanes.png" 2>"$S/rsvg.err" || fail "rsvg-convert: $(cat "$S/rsvg.err")"
  read -r w h < <(svg_size "$S/sample-$lanes.svg")
  if python3 "$SOURCE_DIR/tests/e2e/png_not_blank.py" "$S/sample-$lanes.png" "$w" "$h"; then pass; else fail "rendered svg --lanes $lanes"; fi
done
n=$(grep -o '<text' "$S/sample-tag.svg" | wc -l); [ "$n" -ge 30 ] && pass || fail "$n texts in the sample's chart, fewer than its 21 entries' titles, axis and legend"

# the PNG format itself: the same chart, rendered in-process
expect_status 0 "png" -- "$UCHRONIA" export "$SAMPLE_DOC" --format png --width 1200 -o "$S/chart.png"
read -r w h < <(svg_size "$S/sample-tag.svg")
if python3 "$SOURCE_DIR/tests/e2e/png_not_blank.py" "$S/chart.png" 1200 "$(python3 -c 'import struct,sys; print(struct.unpack(">I", open(sys.argv[1],"rb").read()[20:24])[0])' "$S/chart.png")"; then pass; else fail "png export"; fi

# a range and a width: still XML, the width asked for
expect_status 0 "svg --from --to --width" -- "$UCHRONIA" export "$SAMPLE_DOC" --format svg --from 1917 --to 1922 --width 900 -o "$S/range.svg"
xmllint --noout "$S/range.svg" && pass || fail "ranged svg is not XML"
expect_contains "$S/range.svg" '<svg xmlns="http://www.w3.org/2000/svg" width="900.0"' "svg width"

# hostile titles: markup, CDATA end, quotes, control characters, bidi override, lone surrogate-free junk
python3 - "$S/hostile.json" <<'PY'
import json, sys
titles = ["<script>alert(1)</script>", "]]> <![CDATA[ x", "\"quoted\" & 'single'", "bell\u0007 esc\u001b[31m nul-free \u0001",
          "\u202eevil txt.exe", "\u2066isolate\u2069 and \u202blre", "</text><script>alert(2)</script><text>", "&amp; &lt; &#0;"]
doc = {"format": "uchronia-timeline", "version": 1, "title": "<b>Hostile</b> & \"doc\"",
       "entries": [{"id": "e%d" % i, "date": "19%02d" % (10 + i), "title": t, "tags": ["<tag>&"]} for i, t in enumerate(titles)]}
json.dump(doc, open(sys.argv[1], "w"))
PY
for fmt in svg png; do
  expect_status 0 "hostile $fmt" -- "$UCHRONIA" export "$S/hostile.json" --format "$fmt" -o "$S/hostile.$fmt"
done
if xmllint --noout "$S/hostile.svg" 2>"$S/xml.err"; then pass; else fail "hostile svg is not XML: $(head -3 "$S/xml.err")"; fi
if grep -qi '<script' "$S/hostile.svg"; then fail "a title became a <script> element"; else pass; fi
expect_contains "$S/hostile.svg" '&lt;script&gt;alert(1)&lt;/script&gt;' "escaped title"
expect_contains "$S/hostile.svg" ']]&gt; &lt;![CDATA[ x' "CDATA end escaped"
expect_contains "$S/hostile.svg" '&amp;amp; &amp;lt; &amp;#0;' "entities escaped, not decoded"
if LC_ALL=C grep -qP '[\x01-\x08\x0b\x0c\x0e-\x1f]' "$S/hostile.svg"; then fail "control characters in the svg"; else pass; fi
if grep -qP '\x{202e}|\x{2066}|\x{202b}' "$S/hostile.svg"; then fail "bidi override/isolate left in the svg"; else pass; fi
# every text element's content comes back as the title (or its shortened form) when XML-parsed
python3 - "$S/hostile.svg" <<'PY' && pass || fail "hostile titles not read back as text"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
assert any("<script>alert(1)</script>" in t for t in texts), texts
assert not any(el.tag.endswith("script") for el in root.iter()), "script element"
PY
read -r w h < <(svg_size "$S/hostile.svg")
python3 "$SOURCE_DIR/tests/e2e/png_not_blank.py" "$S/hostile.png" "$w" "$h" && pass || fail "hostile png"

# bad options: one line, exit 2, nothing written
expect_status 2 "--width too small" -- "$UCHRONIA" export "$SAMPLE_DOC" --format svg --width 10 -o "$S/bad.svg"
expect_status 2 "--lanes unknown" -- "$UCHRONIA" export "$SAMPLE_DOC" --format svg --lanes colour -o "$S/bad.svg"
[ ! -e "$S/bad.svg" ] && pass || fail "a refused export wrote $S/bad.svg"
finish
