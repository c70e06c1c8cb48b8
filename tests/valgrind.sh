#!/bin/sh
# valgrind.sh (make valgrind): every program under valgrind's memcheck,
# following forks; each process writes its own log, and any error or
# definite/indirect leak in any of them fails the run.  (A child's errors do
# not reach its parent's exit status, so the logs are what is read.)
set -u
bin=${top_builddir:-.}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "make valgrind: valgrind not found (Debian: apt-get install valgrind)" >&2
	exit 1
fi
logs=$(mktemp -d "${TMPDIR:-/tmp}/lc-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$logs"' EXIT
vg() {
	valgrind -q --log-file="$logs/%p.log" --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect "$@"
}
fail=0
# step NAME COMMAND...: exit status 0 is fine; so is 1 where "differs" is
# an answer (--report), set by ok1=1.
step() {
	name=$1
	shift
	"$@" >"$logs/out" 2>&1
	status=$?
	if [ "$status" -eq 0 ] || { [ "$status" -eq 1 ] && [ "${ok1:-0}" = 1 ]; }; then
		echo "valgrind: $name: ran"
	else
		echo "valgrind: $name: exit status $status"
		tail -n 5 "$logs/out"
		fail=1
	fi
}
step "listen-observe, whole catalogue" vg "$bin/src/listen-observe" --jobs 1 --name host
cp "$logs/out" "$logs/host.rec"
if "$bin/src/listen-observe" --somaxconn 16 --only errno.fd-negative >/dev/null 2>&1; then
	step "listen-observe --somaxconn 16" vg "$bin/src/listen-observe" --somaxconn 16 --jobs 1 \
		--only depth.tcp4 --only relisten
fi
# Under valgrind, descriptor number RLIMIT_NOFILE is valgrind's own (it keeps
# the top of the table and reports a lower limit), so errno.fd-beyond-limit
# observes ENOTSOCK there and --report says "differs": that is allowed here.
ok1=1 step "listen-observe --report" vg "$bin/src/listen-observe" --report --jobs 2 --only errno
step "listen-observe --judge" vg "$bin/src/listen-observe" --judge "$logs/host.rec" --tap
step "listen-compare --svg --html" vg "$bin/src/listen-compare" --svg "$logs/plot.svg" \
	--html "$logs/report.html" "$logs/host.rec" "$logs/host.rec"
step "listen-compare --markdown" vg "$bin/src/listen-compare" --markdown "$logs/host.rec"
step "listen-predict" vg "$bin/src/listen-predict" --fact somaxconn=128 --fact SOMAXCONN=128 \
	--fact release=14.3-RELEASE \
	"${LISTEN_RESULTS_DIR:-results}/freebsd.exp"
cp "$logs/out" "$logs/freebsd.rec"
step "listen-compare --depth-table, a prediction" vg "$bin/src/listen-compare" --depth-table \
	--kind tcp6 "$logs/host.rec" "$logs/freebsd.rec"
step "listen-probe" vg "$bin/src/listen-probe" --backlog 5 --clients 10
if [ -x "$bin/tests/check_expect" ]; then
	CK_FORK=no step "check_expect (unforked)" vg "$bin/tests/check_expect"
fi
bad=0
for f in "$logs"/*.log; do
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "--- $(basename "$f")"
	head -n 40 "$f"
done
n=$(ls "$logs"/*.log 2>/dev/null | wc -l)
echo "valgrind: $n processes checked, $bad with errors or leaks"
[ "$bad" -eq 0 ] && [ "$fail" -eq 0 ]
