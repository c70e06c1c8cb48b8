#!/bin/sh
# progress.sh: on a terminal, listen-observe keeps one line up to date with
# how far the run is (cases done of the total, the case running); with
# stderr not a terminal (a pipe, a file, CI) it writes nothing at all there.
# script(1) from util-linux gives the terminal.  TAP.
set -u
bin=${top_builddir:-.}
obs="$bin/src/listen-observe"
echo "1..6"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-progress.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
total=$("$obs" --list --only errno. | wc -l | tr -d ' ')
n=0
result() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
# (dash's and bash's printf both know \r)
cr=$(printf '\r')

if ! script -qec true /dev/null >/dev/null 2>&1; then
	for i in 1 2 3 4; do
		echo "ok $i # SKIP no script(1) from util-linux that can make a terminal here"
	done
	n=4
else
	# The record goes to a file; what the terminal shows is stderr only.
	script -qec "'$obs' --only errno. >'$tmp/tty.rec'" /dev/null >"$tmp/tty.out" 2>&1
	status=$?
	tr '\r' '\n' <"$tmp/tty.out" >"$tmp/tty.lines"
	if [ "$status" -eq 0 ] && grep -q "^listen-observe: [0-9]*/$total done, running errno\." "$tmp/tty.lines" &&
		grep -q "^listen-observe: $total/$total done *\$" "$tmp/tty.lines"; then
		result ok "on a terminal: 'N/$total done, running CASE', up to '$total/$total done'"
	else
		result bad "on a terminal (exit status $status): $(head -c 300 "$tmp/tty.lines")"
	fi
	# One line: carriage returns, no newline; it ends blanked, cursor at
	# the start.
	newlines=$(tr -d -c '\n' <"$tmp/tty.out" | wc -c | tr -d ' ')
	returns=$(tr -d -c '\r' <"$tmp/tty.out" | wc -c | tr -d ' ')
	last=$(tail -c 1 "$tmp/tty.out" | od -An -tx1 | tr -d ' ')
	tail=$(tr '\r' '\n' <"$tmp/tty.out" | tail -n 1 | tr -d ' ')
	if [ "$newlines" = 0 ] && [ "$returns" -gt "$total" ] && [ "$last" = 0d ] && [ -z "$tail" ]; then
		result ok "on a terminal: one line rewritten ($returns carriage returns, no newline), blank at the end"
	else
		result bad "on a terminal: $newlines newlines, $returns carriage returns, last byte $last, last line '$tail'"
	fi
	if [ "$(grep -c '^errno\.' "$tmp/tty.rec")" -eq "$total" ] && ! grep -q 'done' "$tmp/tty.rec"; then
		result ok "on a terminal: the record on stdout is untouched ($total cases)"
	else
		result bad "on a terminal: the record has $(grep -c '^errno\.' "$tmp/tty.rec") case lines"
	fi
	# One case at a time: every case is shown while it runs.
	script -qec "'$obs' --jobs 1 --only errno. >/dev/null" /dev/null >"$tmp/tty1.out" 2>&1
	tr '\r' '\n' <"$tmp/tty1.out" | sed -n 's/^listen-observe: [0-9]*\/[0-9]* done, running \([^ ]*\) *$/\1/p' |
		uniq >"$tmp/shown"
	"$obs" --list --only errno. | awk '{print $1}' >"$tmp/ids"
	if cmp -s "$tmp/shown" "$tmp/ids"; then
		result ok "--jobs 1 on a terminal: each of the $total cases shown while it runs, in order"
	else
		result bad "--jobs 1 on a terminal: shown $(wc -l <"$tmp/shown") of $total: $(diff "$tmp/ids" "$tmp/shown" | head -n 3 | tr '\n' ' ')"
	fi
fi

# Not a terminal: nothing on stderr.
"$obs" --only errno. 2>"$tmp/pipe.err" | cat >"$tmp/pipe.rec"
if [ ! -s "$tmp/pipe.err" ] && [ "$(grep -c '^errno\.' "$tmp/pipe.rec")" -eq "$total" ]; then
	result ok "stderr a file, stdout a pipe: nothing on stderr"
else
	result bad "not a terminal, stderr has: $(head -c 200 "$tmp/pipe.err")"
fi
"$obs" --only errno. --report 2>&1 >/dev/null | cat >"$tmp/pipe2.err"
if [ ! -s "$tmp/pipe2.err" ]; then
	result ok "stderr a pipe: nothing on stderr"
else
	result bad "stderr a pipe has: $(head -c 200 "$tmp/pipe2.err")"
fi
