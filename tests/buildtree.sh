#!/bin/sh
# buildtree.sh: listen-observe run from the build tree, without make install
# and without LISTEN_RESULTS_DIR, reads the source tree's expectation files;
# LISTEN_RESULTS_DIR still wins; a copy outside the build tree reads the
# installed directory when it exists, else the source tree's.  (make
# installcheck checks the installed program reads the installed files.)  TAP.
set -u
bin=${top_builddir:-.}
src=${srcdir:-.}
installed=${lc_resultsdir:-}
unset LISTEN_RESULTS_DIR LISTEN_EXPECT LISTEN_PLATFORM
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-buildtree.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
obs="$bin/src/listen-observe"
rec="$src/results/observed/linux-6.18.rec"
srcres=$(cd "$src/results" && pwd -P) || exit 99

# canon DIR: the directory's physical path, or DIR itself if it is not one.
canon() { (cd "$1" 2>/dev/null && pwd -P) || printf '%s\n' "$1"; }
# here PROGRAM: the directory PROGRAM --help says it reads .exp files from.
here() { "$1" --help | sed -n 's/.*where the \.exp files are (here: \(.*\))\.$/\1/p'; }
# expectations OUTPUT: the report's "expectations:" path.
expectations() { sed -n 's/^expectations: //p' "$1" | head -n 1; }

n=0
result() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "1..6"
d=$(here "$obs")
if [ -n "$d" ] && [ "$(canon "$d")" = "$srcres" ]; then
	result ok "from the build tree --help names the source tree's results/"
else
	result bad "from the build tree --help names '$d', not $srcres"
fi

"$obs" --judge "$rec" --only errno.pipe >"$tmp/judge" 2>&1
status=$?
x=$(expectations "$tmp/judge")
if [ "$status" -eq 0 ] && [ "$(canon "$(dirname "$x")")/$(basename "$x")" = "$srcres/linux.exp" ] &&
	grep -q '^errno.pipe .* match ' "$tmp/judge"; then
	result ok "--judge of a linux record uses the source tree's linux.exp, and matches"
else
	result bad "--judge: exit status $status, expectations: '$x'"
fi

# A real run (one case) against this platform's own file.
platform=$(uname -s | tr 'A-Z' 'a-z')
"$obs" --report --only errno.fd-negative >"$tmp/run" 2>&1
status=$?
x=$(expectations "$tmp/run")
if [ -f "$srcres/$platform.exp" ]; then
	if [ "$status" -eq 0 ] && [ "$(canon "$(dirname "$x")")/$(basename "$x")" = "$srcres/$platform.exp" ]; then
		result ok "a run on $platform reads the source tree's $platform.exp"
	else
		result bad "a run on $platform: exit status $status, expectations: '$x'"
	fi
else
	case $x in
	*"POSIX verdicts only"*) result ok "a run on $platform (no file in the sources): POSIX verdicts only" ;;
	*) result bad "a run on $platform with no file of its own says '$x'" ;;
	esac
fi

# LISTEN_RESULTS_DIR still decides.
mkdir "$tmp/empty"
LISTEN_RESULTS_DIR="$tmp/empty" "$obs" --judge "$rec" --only errno.pipe >"$tmp/env" 2>&1
x=$(expectations "$tmp/env")
case $x in
"none for platform 'linux': POSIX verdicts only") result ok "LISTEN_RESULTS_DIR overrides the source tree" ;;
*) result bad "LISTEN_RESULTS_DIR=empty dir: expectations: '$x'" ;;
esac
d=$(LISTEN_RESULTS_DIR="$tmp/empty" here "$obs")
if [ "$d" = "$tmp/empty" ]; then
	result ok "--help names LISTEN_RESULTS_DIR when it is set"
else
	result bad "--help with LISTEN_RESULTS_DIR set names '$d'"
fi

# A copy elsewhere is not the build tree's program.
mkdir "$tmp/bin"
cp "$obs" "$tmp/bin/listen-observe" || exit 99
d=$(here "$tmp/bin/listen-observe")
if [ -z "$installed" ]; then
	result bad "the Makefile did not pass the installed directory (lc_resultsdir)"
elif [ -d "$installed" ]; then
	if [ "$d" = "$installed" ]; then
		result ok "a copy outside the build tree reads the installed $installed"
	else
		result bad "a copy outside the build tree reads '$d', not the installed $installed"
	fi
elif [ "$(canon "$d")" = "$srcres" ]; then
	result ok "a copy outside the build tree, nothing installed: the source tree's results/"
else
	result bad "a copy outside the build tree, nothing installed at $installed, reads '$d'"
fi
