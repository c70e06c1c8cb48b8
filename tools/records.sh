#!/bin/sh
# records.sh: re-records results/observed/, the records of every system that
# runs on this machine, after the catalogue changed (make records).
#
#   records.sh [WHICH...]     WHICH: host ns16 ns65535 musl gvisor uml lwip
#                             (default: all of them)
#
# Each record is written to a temporary file and moved over the old one only
# when the run wrote a whole record (a header and a line for every case), so
# an interrupted or failed run leaves the old record.  A system that is
# missing here (no runsc, no linux.uml, no musl build, no privilege for a
# namespace) is skipped with a message, and the old record stays.
# Environment: top_srcdir, top_builddir (default .), LISTEN_MUSL_OBSERVE
# (the musl-built listen-observe), LISTEN_LWIP_OBSERVE (the one built against
# lwIP); make records builds both.
set -u
src=${top_srcdir:-.}
build=${top_builddir:-.}
out="$src/results/observed"
observe="$build/src/listen-observe"
ver=$(uname -r | sed 's/^\([0-9]*\.[0-9]*\).*/\1/')
status=0

[ $# -gt 0 ] || set -- host ns16 ns65535 musl gvisor uml lwip
ncases=$("$observe" --list 2>/dev/null | wc -l)

# keep NAME: moves NAME.tmp over NAME if it is a whole record.
keep() {
	lines=$(grep -vc '^#' "$1.tmp")
	if head -1 "$1.tmp" | grep -q '^# listen-conformance record:' &&
	   { [ "$ncases" -eq 0 ] || [ "$lines" -eq "$ncases" ]; }; then
		mv "$1.tmp" "$1"
		echo "records: wrote $1 ($lines cases)"
	else
		echo "records: $1 NOT written: the run gave $lines of $ncases cases" >&2
		rm -f "$1.tmp"
		status=1
	fi
}

for r; do
	case $r in
	host) f="$out/linux-$ver.rec"
		"$observe" --name "linux-$ver" >"$f.tmp"; keep "$f" ;;
	ns16) f="$out/linux-$ver-somaxconn16.rec"
		"$observe" --name "linux-$ver-somaxconn16" --somaxconn 16 >"$f.tmp"; keep "$f" ;;
	ns65535) f="$out/linux-$ver-somaxconn65535.rec"
		"$observe" --name "linux-$ver-somaxconn65535" --somaxconn 65535 >"$f.tmp"; keep "$f" ;;
	musl)
		m=${LISTEN_MUSL_OBSERVE:-}
		if [ -z "$m" ] || [ ! -x "$m" ]; then
			echo "records: musl skipped: no musl-built listen-observe (make check-musl builds it)" >&2
			continue
		fi
		f="$out/linux-$ver-musl.rec"
		"$m" --name "linux-$ver-musl" >"$f.tmp"; keep "$f" ;;
	gvisor)
		if ! command -v runsc >/dev/null 2>&1; then
			echo "records: gvisor skipped: runsc is not installed" >&2
			continue
		fi
		v=$(runsc --version 2>/dev/null | sed -n 's/^runsc version [0-9.~]*\([0-9]\{8\}\).*/\1/p')
		f="$out/gvisor.rec"
		LISTEN_PLATFORM=gvisor sh "$src/tests/ports/gvisor-run" "$observe" --name "gvisor-${v:-unknown}" >"$f.tmp"
		keep "$f" ;;
	uml)
		if ! command -v linux.uml >/dev/null 2>&1; then
			echo "records: uml skipped: linux.uml is not installed" >&2
			continue
		fi
		f="$out/uml-6.1.rec"
		sh "$src/tests/ports/uml-run" "$observe" --name uml-6.1 >"$f.tmp"
		keep "$f" ;;
	lwip)
		m=${LISTEN_LWIP_OBSERVE:-}
		if [ -z "$m" ] || [ ! -x "$m" ]; then
			echo "records: lwip skipped: no listen-observe built against lwIP (apt-get install liblwip-dev)" >&2
			continue
		fi
		v=$(pkg-config --modversion lwip 2>/dev/null)
		f="$out/lwip-${v:-unknown}.rec"
		"$m" --name "lwip-${v:-unknown}" >"$f.tmp"; keep "$f" ;;
	*) echo "records: unknown record '$r' (host ns16 ns65535 musl gvisor uml lwip)" >&2; exit 2 ;;
	esac
done
exit $status
