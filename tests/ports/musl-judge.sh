#!/bin/sh
# musl-judge: the TAP test behind `make check-musl`.  Runs the listen-observe
# built with musl (LISTEN_MUSL_OBSERVE), checks the record says musl, and
# judges it with the host's listen-observe against the expectation file by
# the rules make check uses.
set -u
obs=${LISTEN_MUSL_OBSERVE:-}
if [ -z "$obs" ] || [ ! -x "$obs" ]; then
	echo "1..0 # SKIP no musl build of listen-observe (run make check-musl)"
	exit 0
fi
rec=$(mktemp "${TMPDIR:-/tmp}/musl-record.XXXXXX") || exit 99
trap 'rm -f "$rec"' EXIT INT TERM
if ! "$obs" --name linux-musl >"$rec"; then
	echo "Bail out! the musl listen-observe failed"
	exit 0
fi
if ! grep -q '^# libc: musl' "$rec"; then
	echo "Bail out! the record does not come from a musl build: $(grep '^# libc:' "$rec")"
	exit 0
fi
grep '^# \(libc\|SOMAXCONN\|somaxconn\):' "$rec"
"${top_builddir:-.}/src/listen-observe" --judge "$rec" --tap
