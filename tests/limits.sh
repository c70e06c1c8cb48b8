#!/bin/sh
# limits.sh: the suite under low limits and missing features.  TAP.  Each
# run re-runs test programs (check_errors, check_depth) in a harder place and
# requires every case to pass or to be a SKIP with a reason; some cases must
# be SKIPs there, and say why.
#   1-2  ulimit -n 256: numbers stay true (helpers hold what one process can't)
#   3-4  an unprivileged user (created here when root): raw sockets skip
#   5-6  the same user without user namespaces: namespace cases skip
#   7-8  no IPv6 (disabled in a private network namespace): IPv6 cases skip
#        (but errno.unbound-tcp6, which makes a namespace of its own)
#   9    more IPv6 clients than ::1 has ephemeral ports (about 28000): in
#        the suite's own namespace they come from extra source addresses,
#        so the depth is a number, not a skip
set -u
bin=$(cd "${top_builddir:-.}" && pwd)
results=${LISTEN_RESULTS_DIR:-}
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-limits.XXXXXX") || exit 99
user=""
cleanup() {
	rm -rf "$tmp"
	[ -n "$user" ] && userdel "$user" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# judge NAME LOG: every TAP line of LOG is ok (skips included).
judge() {
	n=$((n + 1))
	bad=$(grep -c '^not ok' "$2")
	total=$(grep -c '^ok' "$2")
	skips=$(grep -c '^ok.*# SKIP' "$2")
	if [ "$bad" -eq 0 ] && [ "$total" -gt 0 ] && ! grep -q '^Bail out' "$2"; then
		echo "ok $n - $1: $total cases pass or skip ($skips skips)"
	else
		echo "not ok $n - $1: $bad failures"
		grep -E '^(not ok|Bail out)' "$2" | head -5 | sed 's/^/# /'
	fi
}

# must_skip NAME LOG PATTERN WHY: the cases matching PATTERN are SKIPs whose
# reason contains WHY.
must_skip() {
	n=$((n + 1))
	want=$(grep -E "^ok [0-9]+ - $3( |$)" "$2" | wc -l)
	got=$(grep -E "^ok [0-9]+ - $3 # SKIP .*$4" "$2" | wc -l)
	if [ "$want" -gt 0 ] && [ "$got" -eq "$want" ]; then
		echo "ok $n - $1: $got cases skip, saying '$4'"
		grep -E "^ok [0-9]+ - $3 # SKIP" "$2" | head -1 | sed 's/^/# e.g. /'
	else
		echo "not ok $n - $1: $got of $want matching cases skip with '$4'"
		grep -E "^ok [0-9]+ - $3" "$2" | head -3 | sed 's/^/# /'
	fi
}

skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

echo "1..9"

(ulimit -n 256 && "$bin/tests/check_errors" && "$bin/tests/check_depth") >"$tmp/fd.log" 2>&1
judge "ulimit -n 256" "$tmp/fd.log"
n=$((n + 1))
if grep -qE '^ok [0-9]+ - depth.tcp4.somaxconn$' "$tmp/fd.log" ||
	grep -qE '^ok [0-9]+ - depth.tcp4.somaxconn # SKIP needs more than [0-9]+ descriptors' "$tmp/fd.log"; then
	echo "ok $n - ulimit -n 256: the largest depths are exact or skip naming the descriptors needed"
else
	echo "not ok $n - ulimit -n 256: depth.tcp4.somaxconn neither passed nor skipped with a count"
fi

# An unprivileged user needs its own copy of the programs and expectations.
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null 2>&1 && command -v su >/dev/null 2>&1; then
	user="lcuser$$"
	useradd -M -d "$tmp" -s /bin/sh "$user" 2>/dev/null || user=""
fi
if [ -n "$user" ]; then
	mkdir "$tmp/u"
	cp "$bin/tests/check_errors" "$bin/tests/check_depth" "$tmp/u/"
	cp "${results:-$bin/results}/"*.exp "$tmp/u/"
	chmod -R a+rX "$tmp"
	chmod 1777 "$tmp/u"
	su "$user" -c "cd $tmp/u && TMPDIR=$tmp/u LISTEN_RESULTS_DIR=$tmp/u ./check_errors" \
		>"$tmp/user.log" 2>&1
	judge "unprivileged user" "$tmp/user.log"
	must_skip "unprivileged user" "$tmp/user.log" "errno.raw4" "need privilege"
	su "$user" -c "cd $tmp/u && TMPDIR=$tmp/u LISTEN_RESULTS_DIR=$tmp/u LISTEN_NO_USER_NAMESPACES=1 ./check_errors" \
		>"$tmp/nons.log" 2>&1
	judge "unprivileged, no user namespaces" "$tmp/nons.log"
	must_skip "unprivileged, no user namespaces" "$tmp/nons.log" \
		"errno.(unbound-tcp[46]|ephemeral-exhausted-tcp4)" "no private network namespace"
else
	for what in "unprivileged user" "unprivileged user: raw sockets skip" \
		"no user namespaces" "no user namespaces: namespace cases skip"; do
		skip "$what" "needs root to create a user (or useradd and su)"
	done
fi

if unshare -n true 2>/dev/null && command -v ip >/dev/null 2>&1; then
	unshare -n sh -c '
		ip link set lo up || exit 1
		for k in all default lo; do
			echo 1 >/proc/sys/net/ipv6/conf/$k/disable_ipv6 || exit 1
		done
		"$0/tests/check_errors" && "$0/tests/check_depth"' "$bin" >"$tmp/v6.log" 2>&1
	judge "no IPv6" "$tmp/v6.log"
	# errno.unbound-tcp6 makes a namespace of its own, where IPv6 is on
	# again: it runs there, and is not among the cases that must skip.
	must_skip "no IPv6" "$tmp/v6.log" \
		"(errno.(udp6|connected-tcp6|reuseaddr-twin-tcp6)|accepting.tcp6|[a-z]+.tcp6.[a-zA-Z0-9.+_-]+)" "IPv6"
else
	skip "no IPv6" "needs unshare -n and ip (iproute2)"
	skip "no IPv6: IPv6 cases skip" "needs unshare -n and ip (iproute2)"
fi

if "$bin/src/listen-observe" --somaxconn 16 --only errno.fd-negative >/dev/null 2>&1 &&
	"$bin/src/listen-observe" --only accepting.tcp6 | grep -q '^accepting.tcp6	ok'; then
	"$bin/src/listen-observe" --somaxconn 65535 --only depth.tcp6.32768 >"$tmp/v6big.rec" 2>&1
	n=$((n + 1))
	line=$(grep '^depth.tcp6.32768' "$tmp/v6big.rec")
	# Too few descriptors is a reason to skip; too few ports is not.
	case $(printf '%s' "$line" | cut -f2) in
	[0-9]*) echo "ok $n - 32769 IPv6 clients in a namespace: the depth is a number ($(printf '%s' "$line" | cut -f2))" ;;
	skip) case $line in
		*"ephemeral ports"*) echo "not ok $n - 32769 IPv6 clients in a namespace: $line" ;;
		*) echo "ok $n - 32769 IPv6 clients in a namespace # SKIP $(printf '%s' "$line" | sed 's/^[^#]*# *//')" ;;
		esac ;;
	*) echo "not ok $n - 32769 IPv6 clients in a namespace: $line" ;;
	esac
else
	skip "32769 IPv6 clients in a namespace" "needs a private network namespace and IPv6"
fi
