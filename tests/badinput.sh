#!/bin/sh
# badinput.sh: the programs refuse malformed input with a message naming the
# file (and line) and exit status 2, never a crash (128+) or a success.
# TAP.  (tests/check_expect checks each message in detail; fuzz/ the rest.)
set -u
bin=${top_builddir:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-badinput.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
printf 'errno.pipe EFOO # cite\n' >"$tmp/bad-errno.exp"
printf 'errno.pipe ENOTSOCK\n' >"$tmp/no-cite.exp"
printf '\177ELF\001\002\000\000junk' >"$tmp/binary"
: >"$tmp/empty"
printf '# listen-conformance record: 1\nerrno.pipe\n' >"$tmp/bad.rec"
printf 'not a record\n' >"$tmp/other.rec"
mkdir "$tmp/dir"
n=0
# expect NAME WANT COMMAND...: exit status 2 and WANT in the message.
expect() {
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	"$@" >"$tmp/out" 2>&1
	status=$?
	if [ "$status" -eq 2 ] && grep -qF -- "$want" "$tmp/out"; then
		echo "ok $n - $name: exit status 2, says '$want'"
	else
		echo "not ok $n - $name: exit status $status, message: $(head -c 200 "$tmp/out")"
	fi
}
obs="$bin/src/listen-observe"
cmp="$bin/src/listen-compare"
echo "1..11"
expect "unknown errno name" "bad-errno.exp:1: unknown errno name 'EFOO'" \
	"$obs" --report --only errno.fd-negative --expect "$tmp/bad-errno.exp"
expect "missing citation" "no-cite.exp:1: errno.pipe has no citation" \
	"$obs" --report --only errno.fd-negative --expect "$tmp/no-cite.exp"
expect "binary expectation file" "binary:1: binary data" \
	"$obs" --report --only errno.fd-negative --expect "$tmp/binary"
expect "empty expectation file" "empty: no expectations" \
	"$obs" --report --only errno.fd-negative --expect "$tmp/empty"
expect "missing expectation file" "nonexistent.exp: cannot read" \
	"$obs" --report --only errno.fd-negative --expect "$tmp/nonexistent.exp"
expect "a directory as expectation file" "dir: is a directory" \
	"$obs" --report --only errno.fd-negative --expect "$tmp/dir"
expect "malformed record (--judge)" "bad.rec:2: expected CASE-ID<TAB>TOKEN" \
	"$obs" --judge "$tmp/bad.rec"
expect "not a record (listen-compare)" "other.rec:1: not a listen-conformance record" \
	"$cmp" "$tmp/other.rec"
expect "binary record (listen-compare)" "binary:1: binary data" "$cmp" "$tmp/binary"
expect "bad option value" "--somaxconn needs a number" "$obs" --somaxconn lots
expect "unknown platform named" "LISTEN_PLATFORM=nosuchos, but there is no" \
	env LISTEN_PLATFORM=nosuchos "$obs" --report --only errno.fd-negative
