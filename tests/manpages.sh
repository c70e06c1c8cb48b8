#!/bin/sh
# manpages.sh: the man pages render without a warning (groff -ww; mandoc
# -Tlint where installed), every option and LISTEN_* variable a program's
# --help names is in its page and every option its page documents is in
# --help (read from the built programs, so the check follows whatever
# options they have), every header key a record has is in
# listen-conformance(5), and the pages carry the package's version.  TAP.
set -u
bin=${top_builddir:-.}
src=${srcdir:-.}
man="$src/man"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-manpages.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
result() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }

# lint PAGE: groff's warnings, then mandoc's.
lint() {
	page=$1
	if ! command -v groff >/dev/null 2>&1; then
		skip "$page: no groff (Debian: apt-get install groff-base)"
	elif groff -ww -man -Tutf8 -z "$man/$page" >"$tmp/lint" 2>&1 && [ ! -s "$tmp/lint" ]; then
		result ok "$page: groff -ww -man renders it without a warning"
	else
		result bad "$page: groff says: $(head -c 300 "$tmp/lint" | tr '\n' ' ')"
	fi
	if ! command -v mandoc >/dev/null 2>&1; then
		skip "$page: no mandoc (Debian: apt-get install mandoc)"
	elif mandoc -Tlint -W style "$man/$page" >"$tmp/lint" 2>&1 && [ ! -s "$tmp/lint" ]; then
		result ok "$page: mandoc -Tlint finds nothing"
	else
		result bad "$page: mandoc -Tlint says: $(head -c 300 "$tmp/lint" | tr '\n' ' ')"
	fi
}

# The page's source with \- as -, so that options read as typed.
plain() { sed 's/\\-/-/g' "$man/$1"; }

for prog in listen-observe listen-compare listen-probe listen-predict; do
	page=$prog.1
	lint "$page"
	if ! "$bin/src/$prog" --help >"$tmp/help" 2>&1; then
		result bad "$prog --help failed: $(head -c 200 "$tmp/help")"
		continue
	fi
	plain "$page" >"$tmp/page"
	# Every option of --help is in the page.
	missing=
	for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
		grep -Eq -- "$opt([^a-z-]|\$)" "$tmp/page" || missing="$missing $opt"
	done
	if [ -z "$missing" ]; then
		result ok "$page: documents every option of $prog --help"
	else
		result bad "$page: does not document$missing (from $prog --help)"
	fi
	# Every option the page documents (an entry under OPTIONS) is in --help;
	# --help and --version, which usage texts need not list, must work.
	sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$tmp/page" |
		sed -n '/^\.TP/{n;s/^\.[BIR]* *\(--[a-z][a-z-]*\).*/\1/p;}' | sort -u >"$tmp/documented"
	extra=
	for opt in $(cat "$tmp/documented"); do
		case $opt in
		--help|--version)
			"$bin/src/$prog" "$opt" >/dev/null 2>&1 || extra="$extra $opt" ;;
		*)
			grep -Eq -- "$opt([^a-z-]|\$)" "$tmp/help" || extra="$extra $opt" ;;
		esac
	done
	if [ ! -s "$tmp/documented" ]; then
		result bad "$page: no options found under OPTIONS"
	elif [ -z "$extra" ]; then
		result ok "$page: every option it documents ($(wc -l <"$tmp/documented" | tr -d ' ')) is one $prog has"
	else
		result bad "$page: documents$extra, which $prog does not have"
	fi
	# Every LISTEN_* variable of --help is under ENVIRONMENT.
	sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$tmp/page" >"$tmp/env"
	missing=
	for var in $(grep -o 'LISTEN_[A-Z_]*' "$tmp/help" | sort -u); do
		grep -q "^\.B $var\$" "$tmp/env" || missing="$missing $var"
	done
	if [ -z "$missing" ]; then
		result ok "$page: ENVIRONMENT has every LISTEN_* variable of $prog --help"
	else
		result bad "$page: ENVIRONMENT lacks$missing"
	fi
done

lint listen-conformance.5
# Every header key of a real record is described.
if "$bin/src/listen-observe" --only errno.fd-negative --name x >"$tmp/rec" 2>/dev/null; then
	plain listen-conformance.5 | sed -n '/^\.SS Header keys/,/^\.SH /p' >"$tmp/keys"
	missing=
	for key in $(sed -n 's/^# \([^:]*\):.*/\1/p' "$tmp/rec" | tr ' ' '@'); do
		k=$(echo "$key" | tr '@' ' ')
		grep -Eq "^\.B[R]? (\"?$k\"?|.*\"?$k\"? ,|$k \",\")" "$tmp/keys" ||
			grep -q "^\.B[R]* .*$k" "$tmp/keys" || missing="$missing '$k'"
	done
	if [ -z "$missing" ]; then
		result ok "listen-conformance.5: describes every header key of a record"
	else
		result bad "listen-conformance.5: no entry for header key(s)$missing"
	fi
else
	result bad "listen-observe could not write a record"
fi

# A predicted record's mark is described too.
if "$bin/src/listen-predict" --fact somaxconn=128 --fact SOMAXCONN=128 \
	"$src/results/darwin.exp" >"$tmp/pred" 2>/dev/null &&
	grep -q '^# derived-from: ' "$tmp/pred"; then
	if grep -q '^\.B derived-from$' "$tmp/keys"; then
		result ok "listen-conformance.5: describes the derived-from key of a predicted record"
	else
		result bad "listen-conformance.5: no entry for the header key 'derived-from'"
	fi
else
	result bad "listen-predict could not write a record with a derived-from header"
fi

# The pages carry the package's version.
version=$("$bin/src/listen-observe" --version | sed -n 's/.*) //p')
stale=
for page in listen-observe.1 listen-compare.1 listen-probe.1 listen-predict.1 listen-conformance.5; do
	grep -q "^\.TH .* \"listen-conformance $version\"" "$man/$page" || stale="$stale $page"
done
if [ -n "$version" ] && [ -z "$stale" ]; then
	result ok "every page is of version $version"
else
	result bad "pages not of version '$version':$stale"
fi
echo "1..$n"
