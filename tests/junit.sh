#!/bin/sh
# junit.sh: the JUnit XML of make check (LISTEN_JUNIT=DIR, written by each
# Check program) and of listen-observe --junit is well-formed, valid against
# tests/junit.xsd, and says what the TAP lines say: the same tests, the same
# failures and skips, the same messages.  The expectation file used has a
# name full of XML markup (and a byte that is not UTF-8) and one wrong line,
# so that a failure is reported.  TAP.
set -u
bin=${top_builddir:-.}
src=${srcdir:-.}
obs="$bin/src/listen-observe"
check="$bin/tests/check_errors"
xsd="$src/tests/junit.xsd"
unset LISTEN_EXPECT LISTEN_PLATFORM LISTEN_JUNIT
echo "1..14"
if ! command -v xmllint >/dev/null 2>&1; then
	i=1
	while [ $i -le 14 ]; do
		echo "ok $i # SKIP xmllint not found (Debian: apt-get install libxml2-utils)"
		i=$((i + 1))
	done
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-junit.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

platform=$(uname -s | tr 'A-Z' 'a-z')
base="$src/results/$platform.exp"
[ -f "$base" ] || base="$src/results/linux.exp"
# errno.fd-negative is EBADF everywhere (E1): expecting EINVAL must fail.
weird="$tmp/a&b<c>\"d'e$(printf '\377')f.exp"
if ! : >"$weird" 2>/dev/null; then
	weird="$tmp/a&b<c>\"d'ef.exp"
fi
sed 's/^errno\.fd-negative\([[:space:]]*\)EBADF/errno.fd-negative\1EINVAL/' "$base" >"$weird" || exit 99
weird_shown=$(printf '%s' "$weird" | tr '\377' '?')

n=0
result() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }

# cases XML: one line per testcase, "name|outcome|message" (outcome empty
# for a pass), in document order.
cases() {
	count=$(xmllint --xpath 'count(//testcase)' "$1" 2>/dev/null) || return 1
	i=1
	while [ "$i" -le "$count" ]; do
		t="//testcase[$i]"
		# (xmllint ends the string with a newline)
		xmllint --xpath "concat($t/@name, '|', name($t/*[1]), '|', $t/*[1]/@message)" "$1" 2>/dev/null
		i=$((i + 1))
	done
}
# tapcases TAP: the same from TAP lines (the byte XML cannot hold as '?').
tapcases() {
	tr '\377' '?' <"$1" | LC_ALL=C sed -n 's/^ok [0-9]* - \([^ ]*\) # SKIP \(.*\)$/\1|skipped|\2/p
		t
		s/^ok [0-9]* - \([^ ]*\)$/\1||/p
		t
		s/^not ok [0-9]* - \(\([^ :]*\):.*\)$/\2|failure|\1/p' 
}
attr() { xmllint --xpath "string(/testsuites/testsuite/@$2)" "$1" 2>/dev/null; }
prop() { xmllint --xpath "string(//property[@name='$2']/@value)" "$1" 2>/dev/null; }

# valid NAME XML: well-formed, then valid against the schema.
valid() {
	if xmllint --noout "$2" >"$tmp/lint" 2>&1; then
		result ok "$1: well-formed"
	else
		result bad "$1: not well-formed: $(head -c 300 "$tmp/lint")"
	fi
	if xmllint --noout --schema "$xsd" "$2" >"$tmp/lint" 2>&1; then
		result ok "$1: valid against tests/junit.xsd"
	else
		result bad "$1: not valid: $(grep -v validates "$tmp/lint" | head -c 300)"
	fi
}
# same NAME XML TAP: the counts and every case's outcome and message agree.
same() {
	tapcases "$3" >"$tmp/tap.cases"
	cases "$2" >"$tmp/xml.cases"
	tests=$(grep -c '^\(not \)\{0,1\}ok ' "$3")
	fails=$(grep -c '^not ok ' "$3")
	skips=$(grep -c '^ok .* # SKIP ' "$3")
	if [ "$(attr "$2" tests)" = "$tests" ] && [ "$(attr "$2" failures)" = "$fails" ] &&
		[ "$(attr "$2" skipped)" = "$skips" ] && [ "$(attr "$2" errors)" = 0 ] &&
		[ "$(wc -l <"$tmp/xml.cases")" -eq "$tests" ] &&
		cmp -s "$tmp/tap.cases" "$tmp/xml.cases"; then
		result ok "$1: $tests tests, $fails failed, $skips skipped, every message as in TAP"
	else
		result bad "$1: XML tests=$(attr "$2" tests) failures=$(attr "$2" failures) skipped=$(attr "$2" skipped), TAP $tests/$fails/$skips; $(diff "$tmp/tap.cases" "$tmp/xml.cases" | head -n 4 | tr '\n' ' ')"
	fi
}

# 1-5: make check's writer (the Check program of the errors area).
if [ -x "$check" ]; then
	LISTEN_EXPECT="$weird" LISTEN_JUNIT="$tmp/junit" "$check" >"$tmp/check.tap" 2>&1
	xml="$tmp/junit/errors.xml"
	if [ -f "$xml" ]; then
		valid "check_errors" "$xml"
		same "check_errors" "$xml" "$tmp/check.tap"
		want=$("$obs" --list | grep -c '^\(errno\|accepting\)\.')
		got=$(attr "$xml" tests)
		fail=$(cases "$xml" | grep -c '^errno\.fd-negative|failure|errno\.fd-negative: observed EBADF, expected EINVAL (')
		if [ "$got" = "$want" ] && [ "$fail" = 1 ]; then
			result ok "check_errors: one testcase per case of the area ($want), the wrong line fails"
		else
			result bad "check_errors: $got testcases for $want cases; fd-negative failure found $fail times"
		fi
		if [ "$(prop "$xml" expectations)" = "$weird_shown" ] &&
			[ "$(prop "$xml" platform)" = "$(sed -n 's/^# platform \([^ ]*\) .*/\1/p' "$tmp/check.tap")" ]; then
			result ok "check_errors: the platform and the (escaped) expectation file as properties"
		else
			result bad "check_errors: properties platform='$(prop "$xml" platform)' expectations='$(prop "$xml" expectations)'"
		fi
	else
		result bad "check_errors wrote no $xml: $(head -c 300 "$tmp/check.tap")"
		skip "no XML"; skip "no XML"; skip "no XML"
	fi
	# 6: no expectation file: every case is a skip naming its POSIX verdict.
	mkdir "$tmp/none"
	LISTEN_RESULTS_DIR="$tmp/none" LISTEN_JUNIT="$tmp/junit-none" "$check" >"$tmp/none.tap" 2>&1
	if [ -f "$tmp/junit-none/errors.xml" ]; then
		same "check_errors without an expectation file" "$tmp/junit-none/errors.xml" "$tmp/none.tap"
	else
		result bad "check_errors without an expectation file wrote no XML"
	fi
else
	for i in 1 2 3 4 5; do skip "built without Check: no tests/check_errors"; done
fi

# 7-10: listen-observe --junit on a run of the same cases.
"$obs" --only errno. --only accepting. --expect "$weird" --junit "$tmp/observe.xml" \
	>"$tmp/observe.rec" 2>"$tmp/observe.err"
status=$?
if [ "$status" -eq 1 ] && [ -f "$tmp/observe.xml" ]; then
	result ok "listen-observe --junit: exit status 1 when a case fails"
else
	result bad "listen-observe --junit: exit status $status; $(head -c 300 "$tmp/observe.err")"
fi
valid "listen-observe --junit" "$tmp/observe.xml"
if [ -f "$tmp/junit/errors.xml" ]; then
	# Only the outcome and the message: notes of passes may differ by run.
	cases "$tmp/junit/errors.xml" >"$tmp/a"
	cases "$tmp/observe.xml" >"$tmp/b"
	classes=$(xmllint --xpath 'count(//testcase[@classname="errors"])' "$tmp/observe.xml" 2>/dev/null)
	if cmp -s "$tmp/a" "$tmp/b" && [ "$classes" = "$(wc -l <"$tmp/b")" ]; then
		result ok "listen-observe --junit says what make check says, case by case (classname errors)"
	else
		result bad "listen-observe --junit and check_errors differ: $(diff "$tmp/a" "$tmp/b" | head -n 4 | tr '\n' ' ') (classname errors: $classes)"
	fi
else
	skip "no check_errors XML to compare with"
fi

# 11-14: --judge --tap --junit: the XML says what the TAP says.
"$obs" --judge "$tmp/observe.rec" --tap --expect "$weird" --junit "$tmp/judge.xml" >"$tmp/judge.tap" 2>&1
valid "listen-observe --judge --junit" "$tmp/judge.xml"
same "listen-observe --judge --junit" "$tmp/judge.xml" "$tmp/judge.tap"
"$obs" --judge "$tmp/observe.rec" --junit "$tmp/no/such/dir.xml" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 2 ] && grep -q 'no/such/dir.xml' "$tmp/err"; then
	result ok "an unwritable --junit file: exit status 2, named"
else
	result bad "an unwritable --junit file: exit status $status: $(head -c 200 "$tmp/err")"
fi
