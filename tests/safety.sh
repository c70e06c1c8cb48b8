#!/bin/sh
# safety.sh: interrupted runs leave nothing behind, and runs never touch the
# host.  TAP.  Each interruption starts a real run in its own process group
# (setsid), with a private TMPDIR, signals it mid-run, and then checks: no
# process of the group is left, TMPDIR is empty (no socket file, no private
# directory), and no namespace is left: one made with unshare() outlives its
# last process only if a mount pins it, so no process and no new nsfs mount
# means no namespace.  (Counting namespaces would also count those of tests
# running beside this one under make -j.)
set -u
bin=${top_builddir:-.}
observe="$bin/src/listen-observe"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

ns_mounts() {
	awk '/ nsfs /{n++} END{print n+0}' /proc/self/mountinfo 2>/dev/null
}

# interrupt NAME SIGNAL TARGET DELAY COMMAND...: TARGET is "main" (only the
# main process is signalled, as by kill PID) or "group" (Ctrl-C at a terminal).
# The run must die of the signal (exit status 128 + its number), or the test
# proves nothing.
interrupt() {
	name=$1 sig=$2 target=$3 delay=$4
	shift 4
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-safety.XXXXXX") || exit 99
	out=$(mktemp "${TMPDIR:-/tmp}/lc-safety-out.XXXXXX") || exit 99
	before=$(ns_mounts)
	TMPDIR=$tmp setsid "$@" >"$out" 2>&1 &
	pid=$!
	sleep "$delay"
	if ! kill -0 "$pid" 2>/dev/null; then
		# A run that could not stage its situation (every case a skip:
		# too few descriptors, no namespace) ends at once: that is a
		# SKIP with the run's own reason, not a failure.
		wait "$pid" 2>/dev/null
		cases=$(grep -c -v '^#' "$out")
		skips=$(grep -c -E '^[^#][^	]*	skip	' "$out")
		if [ "$cases" -gt 0 ] && [ "$skips" -eq "$cases" ]; then
			why=$(grep -m 1 -E '^[^#][^	]*	skip	' "$out" | sed 's/^[^	]*	skip	# *//')
			skip "$name: SIG$sig to the $target" "the run cannot stage its situation here: $why"
		else
			not_ok "$name: the run ended before it could be interrupted"
			sed 's/^/# /' "$out" | tail -n 5
		fi
		rm -rf "$tmp" "$out"
		return
	fi
	if [ "$target" = group ]; then pkill "-$sig" -g "$pid"; else kill "-$sig" "$pid"; fi
	wait "$pid" 2>/dev/null
	status=$?
	case $sig in INT) want=130 ;; TERM) want=143 ;; *) want=129 ;; esac
	if [ "$status" -ne "$want" ]; then
		not_ok "$name: SIG$sig to the $target did not end the run (exit status $status, not $want)"
		pkill -KILL -g "$pid" 2>/dev/null
		rm -rf "$tmp" "$out"
		return
	fi
	left=1
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		left=$(pgrep -g "$pid" 2>/dev/null | wc -l)
		[ "$left" -eq 0 ] && break
		sleep 0.25
	done
	files=$(find "$tmp" -mindepth 1 | wc -l)
	newns=$(($(ns_mounts) - before))
	if [ "$left" -eq 0 ] && [ "$files" -eq 0 ] && [ "$newns" -eq 0 ]; then
		ok "$name: SIG$sig to the $target leaves no process, file or namespace"
	else
		not_ok "$name: SIG$sig to the $target left $left processes, $files files in TMPDIR, $newns pinned namespaces"
		find "$tmp" -mindepth 1 | sed 's/^/# left: /'
		pgrep -g "$pid" -a 2>/dev/null | sed 's/^/# running: /'
	fi
	pkill -KILL -g "$pid" 2>/dev/null
	rm -rf "$tmp" "$out"
}

if ! command -v setsid >/dev/null 2>&1 || ! command -v pgrep >/dev/null 2>&1; then
	echo "1..0 # SKIP needs setsid and pgrep (util-linux, procps)"
	exit 0
fi
echo "1..7"

somaxconn_before=$(cat /proc/sys/net/core/somaxconn 2>/dev/null)
range_before=$(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)

interrupt "host run" INT group 0.4 "$observe"
interrupt "host run" TERM main 0.4 "$observe"
interrupt "many AF_UNIX queues" INT main 0.3 "$observe" --only depth.unix
if "$observe" --somaxconn 16 --only errno.fd-negative >/dev/null 2>&1; then
	interrupt "namespace run at somaxconn 4096" TERM main 0.5 "$observe" --somaxconn 4096 --jobs 1
	# A queue of 65536 needs about 65537 / 17 descriptors in each of the
	# probe's 17 processes (lib/cases/probe.c: MAX_HELPERS 16, SPARE_FDS 40):
	# below that the probe skips at once, and there is no probe to
	# interrupt.
	need=$(( (65536 + 1) / 17 + 41 ))
	have=$(ulimit -n)
	if [ "$have" != unlimited ] && [ "$have" -lt "$need" ]; then
		why="a 65536-connection probe needs RLIMIT_NOFILE >= $need per process, limit is $have"
		skip "65536-connection probe in a namespace: SIGINT to the main" "$why"
		skip "65536-connection probe in a namespace: SIGTERM to the group" "$why"
	else
		interrupt "65536-connection probe in a namespace" INT main 1.0 \
			"$observe" --somaxconn 65535 --only depth.tcp4.INT_MAX --jobs 1
		# This run takes about 1.1 s (Linux 6.18): signalled at 1.0 s it
		# sometimes ended first; at 0.5 s it is mid-probe.
		interrupt "65536-connection probe in a namespace" TERM group 0.5 \
			"$observe" --somaxconn 65535 --only depth.unix-stream.INT_MAX --jobs 1
	fi
else
	skip "namespace run interrupted" "no private network namespace here"
	skip "65536-connection probe interrupted (main)" "no private network namespace here"
	skip "65536-connection probe interrupted (group)" "no private network namespace here"
fi

# Everything above changed somaxconn and the port range only in namespaces.
if [ -z "$somaxconn_before" ]; then
	skip "host settings unchanged" "no /proc/sys/net here"
elif [ "$(cat /proc/sys/net/core/somaxconn)" = "$somaxconn_before" ] &&
	[ "$(cat /proc/sys/net/ipv4/ip_local_port_range)" = "$range_before" ]; then
	ok "host net.core.somaxconn ($somaxconn_before) and ip_local_port_range unchanged"
else
	not_ok "host settings changed: somaxconn $somaxconn_before -> $(cat /proc/sys/net/core/somaxconn), port range $range_before -> $(cat /proc/sys/net/ipv4/ip_local_port_range)"
fi
