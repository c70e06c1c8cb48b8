#!/bin/sh
# wildcard.sh: every listener of a full catalogue run is on a loopback
# address or a private path, or inside a private network namespace.  TAP.
# tests/listen-shim.so sees each listen() (LD_PRELOAD) and refuses any other.
set -u
bin=${top_builddir:-.}
shim="$bin/tests/listen-shim.so"
if [ "$(uname -s)" != Linux ] || [ ! -f "$shim" ]; then
	echo "1..0 # SKIP needs Linux and tests/listen-shim.so"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-wildcard.XXXXXX") || exit 99
log="$tmp/listen.log"
trap 'rm -rf "$tmp"' EXIT INT TERM
# An ASan build wants its runtime first; the shim does not mind.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
echo "1..4"

TMPDIR="$tmp" LC_LISTEN_LOG="$log" LC_PRIVATE_PREFIX="$tmp/" LD_PRELOAD="$shim" \
	"$bin/src/listen-observe" >"$tmp/record" 2>&1
total=$(wc -l <"$log" 2>/dev/null || echo 0)
if [ "$total" -gt 0 ]; then
	echo "ok 1 - the shim saw $total listen() calls of a full run"
	sort "$log" | uniq -c | sed 's/^/# /'
else
	echo "not ok 1 - the shim saw no listen() call: it is not working"
fi
v=$(grep -c VIOLATION "$log" 2>/dev/null)
if [ "${v:-0}" -eq 0 ]; then
	echo "ok 2 - no listener on a wildcard or non-loopback address in the host's namespace"
else
	echo "not ok 2 - $v listeners outside loopback, private paths and private namespaces"
fi
u=$(grep -c '^unix private' "$log" 2>/dev/null)
unix_skip=$(grep -m 1 -E '^accepting.unix-stream	skip	' "$tmp/record" | sed 's/^[^#]*# *//')
if [ "${u:-0}" -gt 0 ] && ! grep -q '^unix public' "$log"; then
	echo "ok 3 - all $u AF_UNIX listeners are in the private directory"
elif [ "${u:-0}" -eq 0 ] && [ -n "$unix_skip" ]; then
	echo "ok 3 - AF_UNIX listeners in the private directory # SKIP no AF_UNIX listener could be made: $unix_skip"
else
	echo "not ok 3 - AF_UNIX listeners outside the private directory (or none seen)"
fi

# The control: a wildcard listener where the shim believes it is the host.
if command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
	out=$(LC_LISTEN_LOG="$tmp/control.log" LD_PRELOAD="$shim" unshare -n sh -c \
		'LC_HOST_NETNS=$(readlink /proc/self/ns/net) exec "$0"' "$bin/tests/listen-any")
	if [ "$out" = refused ] && grep -q 'inet wildcard host VIOLATION' "$tmp/control.log"; then
		echo "ok 4 - a wildcard listener is caught and refused (control, in a private namespace)"
	else
		echo "not ok 4 - the control's wildcard listener was not caught: $out"
	fi
else
	echo "ok 4 - control # SKIP unshare -n is not allowed here"
fi
