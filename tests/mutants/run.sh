#!/bin/sh
# run.sh: the suite tests itself (make mutants).  Each tests/mutants/*.c is
# an LD_PRELOAD shim that makes this system look like a port with one bug,
# or a correct but slow port.  For each shim, the Check programs run with
# LD_PRELOAD set to it: the suite must fail on every bug shim, and one of
# the cases that fail must be one that explains the bug (the shim's
# "mutant-explains" pattern; a shim may also say what some failure message
# must contain, "mutant-says", and what none may, "mutant-never-says"); it
# must pass on every slow shim.  Prints the
# kill table and writes it to tests/mutants-out/table.md.
#
# Environment (make mutants passes it on):
#   MUTANT_PROGRAMS         the Check programs (make's CHECK_TESTS)
#   MUTANTS                 run only these shims (names, space-separated)
#   MUTANTS_SHORT=1         each shim against only its "mutant-short" programs
#   MUTANTS_EXPECT_SURVIVE  bug shims known to survive (an open defect)
#   MUTANTS_EXPECT_KILLED   slow shims known to be killed (an open defect)
# A shim listed there that behaves right after all fails the run too, like
# an expectation that suddenly conforms: the list must then shrink.
# Exit status: 0 when every shim did what it must (or what its list says),
# 1 otherwise, 2 when the suite fails without any shim (nothing to judge).
set -u
src=${srcdir:-.}/tests/mutants
bin=${top_builddir:-.}
out=$bin/tests/mutants-out
cc=${CC:-cc}
programs=${MUTANT_PROGRAMS:-}
short=${MUTANTS_SHORT:-}
survive=" ${MUTANTS_EXPECT_SURVIVE:-} "
killed_ok=" ${MUTANTS_EXPECT_KILLED:-} "
budget=${MUTANT_TIMEOUT:-900}

if [ "$(uname -s)" != Linux ]; then
	echo "mutants: SKIP: the shims need Linux and glibc's LD_PRELOAD with dlsym(RTLD_NEXT)"
	exit 0
fi
if [ -z "$programs" ]; then
	echo "mutants: no Check programs (configure found no Check framework)" >&2
	exit 2
fi
rm -rf "$out" && mkdir -p "$out" || exit 2
# An ASan build of the programs wants its runtime first; the shims do not mind.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS top_builddir LISTEN_RESULTS_DIR
to=
command -v timeout >/dev/null 2>&1 && to="timeout $budget"

now() { date +%s.%N; }
field() { sed -n "s/^ \\* mutant-$1: *//p" "$2" | sed "s, *\\*/$,," | head -n 1; }

# run_prog DIR PROG [SHIM]: one Check program, its TAP in DIR/PROG.tap;
# appends "PROG<TAB>ID" per failed case to DIR/failed, its skip count to
# DIR/skips.
run_prog() {
	dir=$1 prog=$2 so=${3:-}
	tap=$dir/$(basename "$prog").tap
	if [ -n "$so" ]; then
		LD_PRELOAD=$so $to "$bin/$prog" >"$tap" 2>&1
	else
		$to "$bin/$prog" >"$tap" 2>&1
	fi
	rc=$?
	p=$(basename "$prog")
	plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$tap" | head -n 1)
	ran=$(grep -cE '^(not )?ok ' "$tap")
	sed -n 's/^not ok [0-9]* - \([^ :]*\).*/\1/p' "$tap" | sed "s/^/$p	/" >>"$dir/failed"
	if grep -q '^Bail out!' "$tap"; then
		echo "$p	$p:bail-out" >>"$dir/failed"
	elif [ "$rc" = 124 ]; then
		echo "$p	$p:timeout" >>"$dir/failed"
	elif [ "$rc" != 0 ]; then
		echo "$p	$p:exit-$rc" >>"$dir/failed"
	elif [ -z "$plan" ] || [ "$plan" != "$ran" ]; then
		echo "$p	$p:plan-${plan:-none}-ran-$ran" >>"$dir/failed"
	fi
	echo "$p $(grep -c '^ok .* # SKIP' "$tap")" >>"$dir/skips"
}

if [ -n "${MUTANTS:-}" ]; then
	list=
	for m in $MUTANTS; do
		[ -f "$src/$m.c" ] || { echo "mutants: no shim $src/$m.c" >&2; exit 2; }
		list="$list $src/$m.c"
	done
else
	list=$(ls "$src"/*.c)
fi
# progs_of SHIM: the programs it runs against.
progs_of() {
	if [ -n "$short" ]; then
		field short "$1" | sed 's,\([^ ]*\),tests/\1,g'
	else
		echo "$programs"
	fi
}

# The control: without a shim everything must pass, or no kill means
# anything (every program the shims will run).
mkdir -p "$out/none" && : >"$out/none/failed"
start=$(now)
for prog in $programs; do
	for c in $list; do
		case " $(progs_of "$c") " in
		*" $prog "*) run_prog "$out/none" "$prog"; break ;;
		esac
	done
done
if [ -s "$out/none/failed" ]; then
	echo "mutants: the suite fails WITHOUT any shim; fix that first:" >&2
	cut -f2 "$out/none/failed" | sed 's/^/  /' >&2
	exit 2
fi
echo "mutants: control (no shim): every program passes ($(awk "BEGIN{printf \"%.1f\", $(now) - $start}") s)"

# Build every shim first, four at a time.
n=0
for c in $list; do
	name=$(basename "$c" .c)
	dir=$out/$name
	mkdir -p "$dir" && : >"$dir/failed" && : >"$dir/skips"
	$cc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$dir/$name.so" "$c" -ldl \
		>"$dir/build.log" 2>&1 &
	n=$((n + 1))
	[ $((n % 4)) = 0 ] && wait
done
wait

table=$out/table.md
{
	echo "| shim | kind | imitates | result | failed cases | time (s) |"
	echo "|---|---|---|---|---|---|"
} >"$table"
bugs=0 caught=0 slows=0 passed=0 bad=0 total_start=$(now)
known=
for c in $list; do
	name=$(basename "$c" .c)
	kind=$(field kind "$c")
	what=$(field imitates "$c")
	explains=$(field explains "$c")
	# Optional: what a failure must say, and what none may say (the
	# message names the bug, not an errno left from an earlier call).
	says=$(field says "$c")
	never=$(field never-says "$c")
	mine=$(progs_of "$c")
	dir=$out/$name
	if [ ! -f "$dir/$name.so" ]; then
		cat "$dir/build.log" >&2
		echo "mutants: $name does not build" >&2
		exit 2
	fi
	t0=$(now)
	for prog in $mine; do
		run_prog "$dir" "$prog" "$(cd "$dir" && pwd)/$name.so"
	done
	secs=$(awk "BEGIN{printf \"%.1f\", $(now) - $t0}")
	nfail=$(wc -l <"$dir/failed" | tr -d ' ')
	ids=$(cut -f2 "$dir/failed" | sort -u)
	shown=$(echo "$ids" | head -n 4 | tr '\n' ' ' | sed 's/ $//; s/ /, /g')
	nids=$(echo "$ids" | grep -c .)
	[ "$nids" -gt 4 ] && shown="$shown (+$((nids - 4)) more)"
	[ "$nfail" = 0 ] && shown="-"
	# More skips than the control: the shim hid cases, and that shows.
	extra=$(awk 'NR==FNR {base[$1]=$2; next} $2 > base[$1] {n += $2 - base[$1]}
		END {if (n) printf " (+%d skipped)", n}' "$out/none/skips" "$dir/skips")
	listed=no
	case $kind in
	bug)
		bugs=$((bugs + 1))
		case $survive in *" $name "*) listed=yes ;; esac
		if [ "$nfail" = 0 ]; then
			result=SURVIVED
		elif [ "$explains" != - ] && cut -f2 "$dir/failed" | grep -qE "$explains"; then
			result=caught
			if [ -n "$says" ] && ! cat "$dir"/*.tap | grep '^not ok' | grep -qE "$says"; then
				result="caught, but no failure says /$says/"
			elif [ -n "$never" ] && cat "$dir"/*.tap | grep '^not ok' | grep -qE "$never"; then
				result="caught, but a failure says /$never/: $(cat "$dir"/*.tap | grep '^not ok' | grep -E "$never" | head -n 1 | cut -c1-160)"
			else
				caught=$((caught + 1))
			fi
		else
			result="failed, no explaining case"
		fi
		if [ "$listed" = yes ]; then
			known="$known $name"
			if [ "$result" = caught ]; then
				result="caught (listed in MUTANTS_EXPECT_SURVIVE: remove it)"
				bad=$((bad + 1))
			else
				result="$result (known open)"
			fi
		elif [ "$result" != caught ]; then
			bad=$((bad + 1))
		fi
		;;
	slow)
		slows=$((slows + 1))
		case $killed_ok in *" $name "*) listed=yes ;; esac
		if [ "$nfail" = 0 ]; then
			result=passed
			passed=$((passed + 1))
		else
			result=KILLED
		fi
		if [ "$listed" = yes ]; then
			known="$known $name"
			if [ "$result" = passed ]; then
				result="passed (listed in MUTANTS_EXPECT_KILLED: remove it)"
				bad=$((bad + 1))
			else
				result="KILLED (known open)"
			fi
		elif [ "$result" != passed ]; then
			bad=$((bad + 1))
		fi
		;;
	*)
		echo "mutants: $c has no mutant-kind line" >&2
		exit 2
		;;
	esac
	echo "| $name | $kind | $what | $result$extra | $shown | $secs |" >>"$table"
	echo "mutants: $name ($kind): $result$extra; $nfail failed; $secs s"
done
total=$(awk "BEGIN{printf \"%.0f\", $(now) - $total_start}")
{
	echo
	printf 'Kill rate: %d of %d bug shims caught' "$caught" "$bugs"
	[ "$bugs" -gt 0 ] && printf ' (%d%%)' $((100 * caught / bugs))
	printf '; %d of %d slow shims passed; %s s for %s.\n' "$passed" "$slows" "$total" \
		"$([ -n "$short" ] && echo "the short form" || echo "every Check program per shim")"
} >>"$table"
echo
cat "$table"
echo "mutants: $(tail -n 1 "$table")"
[ -n "$known" ] && echo "mutants: known open (listed, not counted as failures):$known"
echo "mutants: logs in $out/NAME/"
[ "$bad" = 0 ]
