#!/bin/sh
# stress.sh (make stress): the same answers under load.  Not part of make
# check.  Runs the full catalogue STRESS_RUNS times (default 50) and counts
# observations that differ from the first run, in four settings:
#   plain; beside two CPU-burning processes; two copies at the same time;
#   and STRESS_CHECKS (default 3) runs of make -j4 check, counting failures.
# Exit status 1 when anything differed or failed.
set -u
runs=${STRESS_RUNS:-50}
checks=${STRESS_CHECKS:-3}
bench="${top_builddir:-.}/src/listen-bench"
make_cmd=${MAKE:-make}
out=$(mktemp -d "${TMPDIR:-/tmp}/lc-stress.XXXXXX") || exit 2
burners=""
cleanup() {
	[ -n "$burners" ] && kill $burners 2>/dev/null
	rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# differing LOG: the number listen-bench --stability reported.
differing() { sed -n 's/.*runs of [0-9]* cases, \([0-9]*\) differing.*/\1/p' "$1"; }
per_run() { sed -n 's/.*; \([0-9.]*\) s per run.*/\1/p' "$1"; }

t0=$(date +%s)
"$bench" --stability --runs "$runs" >"$out/plain.log" 2>&1

for _ in 1 2; do
	sh -c 'while :; do :; done' &
	burners="$burners $!"
done
"$bench" --stability --runs "$runs" >"$out/burn.log" 2>&1
kill $burners 2>/dev/null
wait $burners 2>/dev/null
burners=""

"$bench" --stability --runs "$runs" >"$out/copy1.log" 2>&1 &
p1=$!
"$bench" --stability --runs "$runs" >"$out/copy2.log" 2>&1 &
p2=$!
wait $p1 $p2

failed=0
i=0
while [ "$i" -lt "$checks" ]; do
	i=$((i + 1))
	if ! $make_cmd -j4 check >"$out/check$i.log" 2>&1; then
		failed=$((failed + 1))
		grep -E '^(FAIL|ERROR):' "$out/check$i.log" | head -5 | sed 's/^/  /'
	fi
done
t1=$(date +%s)

total=0
echo "make stress: $runs full runs of the catalogue per setting"
printf '  %-32s %10s %10s\n' "setting" "differing" "s per run"
for s in plain burn copy1 copy2; do
	d=$(differing "$out/$s.log")
	case $s in
	plain) name="plain" ;;
	burn) name="beside 2 CPU burners" ;;
	copy1) name="two copies at once (1st)" ;;
	copy2) name="two copies at once (2nd)" ;;
	esac
	printf '  %-32s %10s %10s\n' "$name" "${d:-?}" "$(per_run "$out/$s.log")"
	grep '^  run ' "$out/$s.log" | head -5
	total=$((total + ${d:-1}))
done
printf '  %-32s %10s\n' "make -j4 check: failed runs" "$failed of $checks"
echo "  total: $total differing observations, $failed failed checks, $((t1 - t0)) s"
[ "$total" -eq 0 ] && [ "$failed" -eq 0 ]
