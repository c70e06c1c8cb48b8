#!/bin/sh
# columns.sh: the report's columns stay aligned for the longest case id and
# the longest token.  Each committed record is judged (--judge: nothing
# runs) and every row's fields must start where the header's titles do; the
# CASE column must be as wide as the longest id listen-observe --list
# prints, whatever --only selects.  TAP.
set -u
bin=${top_builddir:-.}
src=${srcdir:-.}
obs="$bin/src/listen-observe"
# Each record is judged against its own platform's file.
LISTEN_RESULTS_DIR="$src/results"
export LISTEN_RESULTS_DIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-columns.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

"$obs" --list | awk '{print $1}' >"$tmp/ids" || exit 99
longest=$(awk '{ if (length($0) > w) w = length($0) } END { print w }' "$tmp/ids")

# aligned REPORT: prints nothing when every case row has its five fields
# starting at the header's columns, else the first row that does not.
aligned() {
	awk -v ids="$tmp/ids" '
	BEGIN { while ((getline l < ids) > 0) known[l] = 1 }
	# starts of the first five whitespace-separated fields
	function starts(s, a,   i, n, in_f) {
		n = 0; in_f = 0
		for (i = 1; i <= length(s) && n < 5; i++) {
			if (substr(s, i, 1) != " " && !in_f) { a[++n] = i; in_f = 1 }
			else if (substr(s, i, 1) == " ") in_f = 0
		}
		return n
	}
	$1 == "CASE" && $2 == "OBSERVED" { starts($0, h); have = 1; next }
	have && ($1 in known) {
		rows++
		if (starts($0, r) < 5 || r[2] != h[2] || r[3] != h[3] || r[4] != h[4] || r[5] != h[5]) {
			print "misaligned: " $0; exit
		}
	}
	END { if (!have) print "no header line"; else if (rows == 0) print "no case rows" }
	' "$1"
}

n=0
echo "1..8"
for rec in "$src"/results/observed/gvisor.rec "$src"/results/observed/linux-6.18.rec; do
	name=$(basename "$rec")
	n=$((n + 1))
	"$obs" --judge "$rec" >"$tmp/report" 2>"$tmp/err"
	status=$?
	bad=$(aligned "$tmp/report")
	if [ "$status" -le 1 ] && [ -z "$bad" ]; then
		echo "ok $n - $name: every row aligned with the header"
	else
		echo "not ok $n - $name: exit status $status; $bad $(head -c 200 "$tmp/err")"
	fi
	# The CASE column is the longest id plus one space.
	n=$((n + 1))
	col=$(awk '$1 == "CASE" { print index($0, "OBSERVED") - 1; exit }' "$tmp/report")
	if [ "$col" = $((longest + 1)) ]; then
		echo "ok $n - $name: CASE column is $col wide (longest id $longest + 1)"
	else
		echo "not ok $n - $name: CASE column is $col wide, longest id is $longest"
	fi
done
# A report of short ids only keeps the catalogue's width.
for only in errno.pipe relisten.unix-seqpacket.shrink-pending; do
	n=$((n + 1))
	"$obs" --judge "$src/results/observed/linux-6.18.rec" --only "$only" >"$tmp/report" 2>&1
	col=$(awk '$1 == "CASE" { print index($0, "OBSERVED") - 1; exit }' "$tmp/report")
	bad=$(aligned "$tmp/report")
	if [ "$col" = $((longest + 1)) ] && [ -z "$bad" ]; then
		echo "ok $n - --only $only: CASE column is $col wide"
	else
		echo "not ok $n - --only $only: CASE column is $col wide (want $((longest + 1))); $bad"
	fi
done
# --list uses the same width.
n=$((n + 1))
bad=$("$obs" --list | awk -v w="$longest" 'substr($0, w + 1, 1) != " " || substr($0, w + 2, 1) == " " { print; exit }')
if [ -z "$bad" ]; then
	echo "ok $n - --list: the assertion column starts after the longest id"
else
	echo "not ok $n - --list misaligned: $bad"
fi
# The longest token of a record fits its column: one space, then the
# expected token (the case matches, so it is the same).
n=$((n + 1))
set -- $(awk -F'\t' '!/^#/ && length($2) > m { m = length($2); id = $1; t = $2 } END { print id, t }' \
	"$src/results/observed/gvisor.rec")
long_id=$1 long_tok=$2
"$obs" --judge "$src/results/observed/gvisor.rec" --only "$long_id" >"$tmp/report" 2>&1
bad=$(aligned "$tmp/report")
if grep -qF "$long_tok $long_tok " "$tmp/report" && [ -z "$bad" ]; then
	echo "ok $n - the longest token ($long_tok) keeps one space before the next column"
else
	echo "not ok $n - long tokens: $bad $(grep -F "$long_id" "$tmp/report" | head -1)"
fi
