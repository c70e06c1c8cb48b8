#!/bin/sh
# html.sh: listen-compare --svg and --html render, in a real browser, with
# nothing cut off.  TAP.
#
# The records of results/observed/ and the hand-made predicted record
# tests/data/bsd-like.rec (plus one with markup in its name) are rendered.
# The files must be well-formed XML (xmllint); headless Chromium must parse
# them (--dump-dom); printed to PDF (no script runs in the page, none is
# needed), every case id, record name, backlog label and depth value must be
# text inside the page (pdftotext -bbox gives each word's box), and a page
# pushed off its paper on purpose must fail that check; the screenshot must
# show the plot in colour.  A missing tool is a visible SKIP naming it.
set -u
bin=${top_builddir:-.}
src=$(cd "${srcdir:-.}" && pwd) || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-html.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
cmp="$bin/src/listen-compare"
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $*"; }
check() { # check NAME COMMAND...: ok when COMMAND succeeds
	name=$1
	shift
	if "$@" >"$tmp/why" 2>&1; then ok "$name"; else notok "$name: $(head -c 600 "$tmp/why" | tr '\n' ' ')"; fi
}

records="$src/results/observed/*.rec"
# shellcheck disable=SC2086
set -- $records "$src/tests/data/bsd-like.rec"
{
	printf '# listen-conformance record: 1\n'
	printf '# name: <b>&"\047x \303\251\n'
	printf '# platform: linux\n# somaxconn: 4096\n# SOMAXCONN: 4096\n'
	grep '^depth\.' "$1"
} >"$tmp/markup.rec"
# Every kind the measured record has depth cases for (MPTCP, SCTP, vsock too
# once a record has them).
kinds=$(awk -F'\t' '$1 ~ /^depth\./ && $2 ~ /^[0-9]+$/ { split($1, a, "."); print a[2] }' \
	"$src/results/observed/linux-6.18.rec" | sort -u | tr '\n' ' ')
echo "1..13"

# 1: both files in one run
if "$cmp" --svg "$tmp/tcp4.svg" --html "$tmp/report.html" "$@" "$tmp/markup.rec" \
	>"$tmp/out" 2>&1; then
	ok "listen-compare --svg --html of $# records and one with markup in its name"
else
	notok "listen-compare --svg --html: $(head -c 300 "$tmp/out")"
fi
for k in $kinds; do
	[ "$k" = tcp4 ] || "$cmp" --kind "$k" --svg "$tmp/$k.svg" "$@" >/dev/null 2>&1 ||
		echo "# --kind $k failed"
done

# 2: an unknown kind
"$cmp" --kind tcp5 --svg "$tmp/x.svg" "$@" >"$tmp/out" 2>&1
status=$?
if [ "$status" -eq 2 ] && grep -q "unknown kind 'tcp5'.*unix-seqpacket" "$tmp/out" &&
	[ ! -e "$tmp/x.svg" ]; then
	ok "--kind tcp5: exit status 2, names the kinds"
else
	notok "--kind tcp5: exit status $status, $(head -c 200 "$tmp/out")"
fi

# 3: one x position per depth label of each kind (as many as the records have)
labels_ok() {
	for k in $kinds; do
		want=$(grep -c "^depth\.$k\." "$src/results/observed/linux-6.18.rec")
		got=$(grep -c 'class="backlog"' "$tmp/$k.svg")
		[ "$want" -gt 0 ] && [ "$got" -eq "$want" ] || { echo "$k: $got labels, want $want"; return 1; }
		for l in INT_MIN -1 0 SOMAXCONN somaxconn somaxconn+1 32768 65536 INT_MAX; do
			grep -q "font-weight=\"bold\">$l</tspan>" "$tmp/$k.svg" || { echo "$k: no $l"; return 1; }
		done
	done
}
check "the plot of every kind has one x label per depth case, INT_MIN to INT_MAX" labels_ok

# 4: predicted dashed, measured solid, and the legend says which
styles_ok() {
	grep -q 'stroke-dasharray="7 4" points=' "$tmp/tcp4.svg" || { echo "no dashed series"; return 1; }
	grep -q 'stroke-dasharray="none" points=' "$tmp/tcp4.svg" || { echo "no solid series"; return 1; }
	grep -q 'predicted (derived from an expectation file)' "$tmp/tcp4.svg" || return 1
	grep -q 'bsd-like-predicted .* predicted, derived from results/freebsd.exp' "$tmp/tcp4.svg" ||
		{ echo "legend does not name the expectation file"; return 1; }
	[ "$(grep -c ' measured</text>' "$tmp/tcp4.svg")" -eq $# ] ||
		{ echo "not one 'measured' legend entry per measured record"; return 1; }
}
check "predicted series dashed, measured solid, legend names the expectation file" styles_ok "$@"

# 5: markup in a record name is escaped
escape_ok() {
	for f in "$tmp/tcp4.svg" "$tmp/report.html"; do
		grep -q '&lt;b&gt;&amp;&quot;&#39;x' "$f" || { echo "$f: escaped name missing"; return 1; }
		! grep -q '<b>&' "$f" || { echo "$f: raw markup"; return 1; }
	done
}
check "a record name with markup is escaped in the SVG and the HTML" escape_ok

# 6: well-formed XML
if command -v xmllint >/dev/null 2>&1; then
	check "SVG of every kind and the HTML page are well-formed XML (xmllint)" \
		xmllint --noout "$tmp/tcp4.svg" "$tmp/tcp6.svg" "$tmp/unix-stream.svg" \
		"$tmp/unix-seqpacket.svg" "$tmp/report.html"
else
	skip "xmllint not installed (Debian: libxml2-utils)"
fi

# CHROMIUM=PROGRAM picks the browser (CHROMIUM=none: as if there were none).
chromium=
for c in ${CHROMIUM:-chromium chromium-browser google-chrome}; do
	if command -v "$c" >/dev/null 2>&1; then
		chromium=$c
		break
	fi
done
t=
command -v timeout >/dev/null 2>&1 && t="timeout 300"
browse() { # browse NAME FILE ARGS... URL: headless, offline, a profile of its own;
	# stdout in $tmp/out-NAME; FILE is what the run must leave non-empty
	name=$1
	want=$2
	shift 2
	mkdir -p "$tmp/profile-$name"
	# A browser that crashed (seen: its zygote lost, at a load of 60 on
	# two CPUs) says nothing about the page: it gets one more start, and
	# the log of both starts is kept.
	for attempt in 1 2; do
		$t "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--disable-extensions --user-data-dir="$tmp/profile-$name" "$@" \
			>"$tmp/out-$name" 2>>"$tmp/chromium-$name.log" && [ -s "$want" ] && return 0
		echo "# chromium ($name) failed on start $attempt" >>"$tmp/chromium-$name.log"
		rm -rf "$tmp/profile-$name" && mkdir -p "$tmp/profile-$name"
	done
	return 1
}
have_pdftotext=0
command -v pdftotext >/dev/null 2>&1 && have_pdftotext=1

# outside PDF [LEFT TOP RIGHT BOTTOM]: prints the words of PDF (as
# "text" lines in $PDF.words) and complains about any word whose box is not
# inside the page (or the given box, in points).
outside() {
	pdftotext -bbox "$1" "$1.xml" || return 1
	awk -v box="${2:-}" '
	function attr(s, name,  r) {
		if (match(s, name "=\"[-0-9.]+\"") == 0) return 0
		r = substr(s, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
		return r + 0
	}
	/<page / { w = attr($0, "width"); h = attr($0, "height"); npage++
		if (box != "") { split(box, b, " "); x0 = b[1]; y0 = b[2]; w = b[3]; h = b[4] }
		else { x0 = 0; y0 = 0 } }
	/<word / {
		t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
		gsub(/&lt;/, "<", t); gsub(/&gt;/, ">", t); gsub(/&quot;/, "\"", t)
		gsub(/&#39;/, "\047", t); gsub(/&amp;/, "\\&", t)
		print t > words
		if (attr($0, "xMin") < x0 - 0.5 || attr($0, "yMin") < y0 - 0.5 ||
		    attr($0, "xMax") > w + 0.5 || attr($0, "yMax") > h + 0.5) {
			bad++
			if (bad <= 5) printf "outside the page: %s\n", $0
		}
	}
	END { if (npage == 0) print "no page"; exit (bad > 0 || npage == 0) }' \
		words="$1.words" "$1.xml"
}
# missing WORDFILE EXPECTED: the lines of EXPECTED that are no word of WORDFILE.
missing() {
	sort -u "$1" >"$1.sorted"
	sort -u "$2" | comm -13 "$1.sorted" -
}

if [ -z "$chromium" ]; then
	for i in 7 8 9 10 11 12 13; do
		skip "chromium not found (Debian: apt-get install chromium; or CHROMIUM=PROGRAM)"
	done
	exit 0
fi

# The pages the browser renders: the report; the plot alone in a page where
# it may overflow its box (so that anything outside it would show); the
# report with its table pushed off the paper (the negative control).
set -- $(sed -n '1s/^<svg [^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1 \2/p' "$tmp/tcp4.svg")
W=${1:-0} H=${2:-0}
{
	printf '<!DOCTYPE html><html><head><meta charset="utf-8"/><style>'
	printf '@page { size: %dpx %dpx; margin: 0 } html, body { margin: 0 } ' $((W + 400)) $((H + 400))
	printf 'svg { overflow: visible; display: block }</style></head><body>'
	cat "$tmp/tcp4.svg"
	printf '</body></html>\n'
} >"$tmp/plot.html"
sed 's|</style>|table.cases { margin-left: 3000px }</style>|' "$tmp/report.html" >"$tmp/off.html"
# Five browsers at once (each waits more than it computes).
start=$(date +%s)
browse dom "$tmp/out-dom" --dump-dom "file://$tmp/report.html" &
browse svgdom "$tmp/out-svgdom" --dump-dom "file://$tmp/tcp4.svg" &
browse report "$tmp/report.pdf" --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" \
	--window-size=1400,3000 --screenshot="$tmp/report.png" "file://$tmp/report.html" &
browse plot "$tmp/plot.pdf" --no-pdf-header-footer --print-to-pdf="$tmp/plot.pdf" --window-size="$W,$H" \
	--screenshot="$tmp/plot.png" "file://$tmp/plot.html" &
browse off "$tmp/off.pdf" --no-pdf-header-footer --print-to-pdf="$tmp/off.pdf" "file://$tmp/off.html" &
wait
cp "$tmp/out-dom" "$tmp/report.dom" 2>/dev/null || : >"$tmp/report.dom"
cp "$tmp/out-svgdom" "$tmp/svg.dom" 2>/dev/null || : >"$tmp/svg.dom"
echo "# $chromium: $(($(date +%s) - start)) s for five pages"

# 7: Chromium parses the page and the plot is in its DOM
dom_ok() {
	grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$1" || { echo "no <svg> in the DOM"; return 1; }
	! grep -qi 'parsererror' "$1" || { echo "parser error"; return 1; }
	[ "$(grep -c '<tr' "$1")" -gt 100 ] || { echo "the case table is not in the DOM"; return 1; }
}
check "Chromium parses the HTML page: <svg> and the case table in the DOM" dom_ok "$tmp/report.dom"

# 8: and the SVG file on its own
svgdom_ok() {
	head -c 200 "$1" | grep -q '^<svg' || { echo "the document is not an <svg>: $(head -c 200 "$1")"; return 1; }
	! grep -qi 'parsererror\|error on line' "$1" || { echo "parser error"; return 1; }
	grep -q 'bsd-like-predicted' "$1"
}
check "Chromium parses the SVG file as an SVG document" svgdom_ok "$tmp/svg.dom"

# 9: printed, every case id, record name and POSIX assertion is text inside
# the page (the assertions are the last column: a table cut off at the
# right loses them)
# shellcheck disable=SC2086
{
	cut -f1 $records "$src/tests/data/bsd-like.rec" | grep -v '^#'
	sed -n 's/^# name: //p' $records "$src/tests/data/bsd-like.rec"
	# shellcheck disable=SC2086
	"$cmp" --markdown $records | sed -n 's/.* (\([AE][0-9]*\)) |$/(\1)/p'
} >"$tmp/report.want"
report_ok() { # report_ok PDF
	outside "$1" || return 1
	m=$(missing "$1.words" "$tmp/report.want")
	[ -z "$m" ] || { echo "not in the printed page: $m" | head -c 300; return 1; }
	echo "# $(grep -c '<page ' "$1.xml") pages, $(sort -u "$tmp/report.want" | wc -l | tr -d ' ') words found" >&3
}
if [ $have_pdftotext = 0 ]; then
	skip "pdftotext not installed (Debian: poppler-utils)"
else
	check "printed HTML: every case id, record name and POSIX assertion inside the page" \
		report_ok "$tmp/report.pdf" 3>&1
fi

# 10: the plot: every word within its width and height; every backlog
# label, depth value and record name there
# shellcheck disable=SC2086
{
	sed -n 's/^depth\.tcp4\.\([^	]*\)	\([0-9]*\).*/\1\
\2/p' $records "$src/tests/data/bsd-like.rec"
	sed -n 's/^# name: //p' $records "$src/tests/data/bsd-like.rec"
} >"$tmp/plot.want"
plot_ok() {
	outside "$tmp/plot.pdf" "0 0 $(awk -v w="$W" -v h="$H" 'BEGIN { print w * 0.75, h * 0.75 }')" ||
		return 1
	m=$(missing "$tmp/plot.pdf.words" "$tmp/plot.want")
	[ -z "$m" ] || { echo "not in the plot: $m" | head -c 300; return 1; }
}
if [ $have_pdftotext = 0 ]; then
	skip "pdftotext not installed (Debian: poppler-utils)"
else
	check "the plot: every backlog label, depth value and name inside its ${W}x$H box" plot_ok
fi

# 11: check 9 can fail: the page with its table pushed off the paper
if [ $have_pdftotext = 0 ]; then
	skip "pdftotext not installed (Debian: poppler-utils)"
elif [ ! -s "$tmp/off.pdf" ]; then
	# A control that fails for want of its PDF proves nothing.
	notok "negative control: Chromium printed no PDF of the pushed-off page"
elif report_ok "$tmp/off.pdf" >"$tmp/why" 2>&1 3>/dev/null; then
	notok "negative control: a table pushed off the page passed check 9"
else
	ok "negative control: check 9 fails for a table pushed off the page ($(head -c 60 "$tmp/why" | tr '\n' ' ')...)"
fi

# 12, 13: the screenshots are not blank: the plot is drawn in colour
coloured() { # coloured PNG: pixels that are not grey
	pngtopnm "$1" | ppmhist -noheader 2>/dev/null |
		awk '$1 != $2 || $2 != $3 { n += $5 } END { print n + 0 }'
}
for f in report plot; do
	if ! command -v pngtopnm >/dev/null 2>&1 || ! command -v ppmhist >/dev/null 2>&1; then
		skip "netpbm not installed (pngtopnm, ppmhist)"
	elif [ ! -s "$tmp/$f.png" ]; then
		notok "no screenshot of $f: $(tail -n 3 "$tmp/chromium-$f.log")"
	else
		c=$(coloured "$tmp/$f.png")
		if [ "$c" -gt 2000 ]; then
			ok "screenshot of $f is not blank: $c coloured pixels"
		else
			notok "screenshot of $f: only $c coloured pixels"
		fi
	fi
done
