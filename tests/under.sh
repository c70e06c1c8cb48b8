#!/bin/sh
# under.sh CONDITION COMMAND...: runs COMMAND (normally `make check`) in a
# harder place, so the whole suite is proven to pass there with visible
# SKIPs, not only the programs tests/limits.sh re-runs.
#   nofile256     under `ulimit -n 256` (soft and hard)
#   noipv6        in a private network namespace with IPv6 disabled on
#                 every interface (root, or unprivileged user namespaces)
#   unprivileged  as a user created for the run (root only): the sources
#                 (`make distdir`) are copied to a private directory the
#                 user owns, configured, built and COMMAND run there; the
#                 user and the directory are removed afterwards
# Exit status: COMMAND's, or 77 with the reason when the condition cannot
# be made here (make's own TESTS never call this script).
set -u
cond=${1:-}
[ $# -ge 2 ] || { echo "usage: under.sh nofile256|noipv6|unprivileged COMMAND..." >&2; exit 2; }
shift
cannot() { echo "under.sh: $cond: cannot be made here: $1" >&2; exit 77; }

case $cond in
nofile256)
	ulimit -n 256 || cannot "ulimit -n 256 failed"
	exec "$@"
	;;
noipv6)
	command -v unshare >/dev/null 2>&1 || cannot "needs unshare (util-linux)"
	command -v ip >/dev/null 2>&1 || cannot "needs ip (iproute2)"
	# -r maps the caller to root in a new user namespace when not root.
	if [ "$(id -u)" = 0 ]; then ns="unshare -n"; else ns="unshare -r -n"; fi
	exec $ns sh -c '
		ip link set lo up || exit 77
		for k in all default lo; do
			echo 1 >/proc/sys/net/ipv6/conf/$k/disable_ipv6 || exit 77
		done
		if ip -6 addr show dev lo | grep -q inet6; then
			echo "under.sh: ::1 is still there" >&2; exit 77
		fi
		exec "$@"' under-noipv6 "$@"
	;;
unprivileged)
	[ "$(id -u)" = 0 ] || cannot "needs root to create a user"
	command -v useradd >/dev/null 2>&1 && command -v su >/dev/null 2>&1 ||
		cannot "needs useradd and su (passwd, util-linux)"
	: "${MAKE:=make}"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-unpriv.XXXXXX") || exit 99
	user="lcu$$"
	cleanup() {
		rm -rf "$tmp"
		userdel "$user" 2>/dev/null
	}
	trap cleanup EXIT
	trap 'exit 1' INT TERM
	useradd -M -d "$tmp" -s /bin/sh "$user" || cannot "useradd failed"
	$MAKE -s distdir distdir="$tmp/src" >/dev/null || exit 1
	mkdir "$tmp/t"
	chmod 0755 "$tmp"
	chown -R "$user" "$tmp/src" "$tmp/t"
	# The command and its words, quoted for the user's shell.
	cmd=""
	for w in "$@"; do
		cmd="$cmd '$(printf '%s' "$w" | sed "s/'/'\\\\''/g")'"
	done
	# A short TMPDIR of the user's own: AF_UNIX paths must fit sun_path.
	su "$user" -c "cd '$tmp/src' && export TMPDIR='$tmp/t' && ./configure -q >/dev/null &&
		$MAKE -s >/dev/null && $cmd"
	status=$?
	# The directory goes with the user: show the failures first.
	[ "$status" -eq 0 ] || cat "$tmp/src/test-suite.log" 2>/dev/null | head -n 60 >&2
	exit "$status"
	;;
*)
	echo "under.sh: unknown condition '$cond' (nofile256, noipv6, unprivileged)" >&2
	exit 2
	;;
esac
