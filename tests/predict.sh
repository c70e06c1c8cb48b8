#!/bin/sh
# predict.sh: records predicted from expectation files (listen-predict) say
# what the file says at the stated facts, refuse to guess a fact, are marked
# as predictions wherever listen-compare shows them, and agree with the file
# they came from when judged against it.  TAP.
set -u
bin=$(cd "${top_builddir:-.}" && pwd) || exit 99
results=$(cd "${LISTEN_RESULTS_DIR:-results}" && pwd) || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lc-predict.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
pred="$bin/src/listen-predict"
cmp="$bin/src/listen-compare"
obs="$bin/src/listen-observe"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check NAME COMMAND...: the command's status is 0.
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else notok "$name"; fi
}
# refused NAME WANT COMMAND...: exit status 2, WANT in the message, no record.
refused() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 2 ] && grep -qF -- "$want" "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "$name: exit status 2, says '$want'"
	else
		notok "$name: exit status $status, stdout $(wc -c <"$tmp/out") bytes, message: $(head -c 300 "$tmp/err")"
	fi
}
body() { grep -v '^#' "$1" | cut -f1,2; }

# A small file: a forward reference, a chain of two, a condition on the
# release, a reference to a case predicted to give no number.
cd "$tmp" || exit 99
cat >small.exp <<'EOF'
# a made-up platform
errno.pipe                 ENOTSOCK                        # cite
errno.unbound-unix-stream  [kernel < 5] EDESTADDRREQ       # cite
errno.unbound-unix-stream  [kernel >= 5] EINVAL            # cite
depth.tcp4.0               {depth.tcp4.1} - 1              # a reference forward
depth.tcp4.1               min(1, somaxconn) + 1           # cite
depth.tcp4.SOMAXCONN       min(SOMAXCONN, somaxconn) + 1   # cite
limit.tcp4.0               {depth.tcp4.0} * 10             # a chain of two
depth.unix-seqpacket.0     socket:EPROTONOSUPPORT          # cite
depth.tcp4.5               {depth.unix-seqpacket.0} + 1    # refers to a case with no number
EOF
facts="--fact somaxconn=16 --fact SOMAXCONN=128"
printf 'errno.pipe\tENOTSOCK\nerrno.unbound-unix-stream\tEINVAL\ndepth.tcp4.0\t1\ndepth.tcp4.1\t2\ndepth.tcp4.5\tskip\ndepth.tcp4.SOMAXCONN\t17\ndepth.unix-seqpacket.0\tsocket:EPROTONOSUPPORT\nlimit.tcp4.0\t10\n' >want-6
sed 's/^errno.unbound-unix-stream.EINVAL$/errno.unbound-unix-stream\tEDESTADDRREQ/' want-6 >want-4

"$pred" $facts --fact release=6.1.0 --name small small.exp >small.rec 2>err
check "a prediction is made (exit 0)" [ $? -eq 0 ]
body small.rec >got
check "its tokens are what the file says at the facts, references in dependency order" \
	cmp -s got want-6
"$pred" $facts --fact release=4.19.0-RELEASE small.exp >small4.rec 2>/dev/null
body small4.rec >got4
check "the [kernel ...] line that matches the stated release is the one used" cmp -s got4 want-4
check "the first line is the record's" [ "$(head -n 1 small.rec)" = "# listen-conformance record: 1" ]
check "derived-from names the file as given" grep -qx '# derived-from: small.exp' small.rec
check "the facts are header keys" sh -c \
	"grep -qx '# somaxconn: 16' small.rec && grep -qx '# SOMAXCONN: 128' small.rec && grep -qx '# release: 6.1.0' small.rec"
check "no fact that was not stated appears" sh -c \
	"[ -s small.rec ] && ! grep -Eq '^# (os|machine|libc|somaxconn-source|RLIMIT_NOFILE|network-namespace):' small.rec"
check "the platform is named after the file" grep -qx '# platform: small' small.rec

refused "somaxconn not stated" "small.exp:6: depth.tcp4.1 needs the fact 'somaxconn'" \
	"$pred" --fact SOMAXCONN=128 --fact release=6.1 small.exp
refused "SOMAXCONN not stated" "small.exp:7: depth.tcp4.SOMAXCONN needs the fact 'SOMAXCONN'" \
	"$pred" --fact somaxconn=16 --fact release=6.1 small.exp
refused "release not stated, the file has [kernel ...] lines" \
	"small.exp:3: errno.unbound-unix-stream has a [kernel ...] condition: it needs the fact 'release'" \
	"$pred" $facts small.exp
refused "an unknown fact" "unknown fact 'somaxcon'" "$pred" --fact somaxcon=16 small.exp
refused "a fact that is not a number" "somaxconn needs an integer" "$pred" --fact somaxconn=lots small.exp
printf 'depth.tcp4.0 {depth.tcp4.1} # a\ndepth.tcp4.1 {depth.tcp4.0} + 1 # b\n' >loop.exp
refused "a circular reference" "a circular reference" "$pred" --fact somaxconn=1 loop.exp

# listen-compare marks a prediction wherever it shows one.
measured="$results/observed/linux-6.18.rec"
"$cmp" "$measured" small.rec >text 2>&1
check "text: the column is 'NAME (predicted)', with the legend" sh -c \
	"grep -q 'small (predicted)' text && grep -q '^Columns marked (predicted) are derived from expectation files, not measured' text && grep -q 'small (predicted): small.exp' text"
"$cmp" --markdown "$measured" small.rec >md 2>&1
check "Markdown: the column is 'NAME (predicted)', with the legend" sh -c \
	"grep -q '^| case | linux-6.18 | small (predicted) | POSIX |' md && grep -q '^- small (predicted): .small.exp.' md"
"$cmp" --markdown --depth-table "$measured" small.rec >depth 2>&1
check "depth table: the row is 'NAME (predicted)', with the legend" sh -c \
	"grep -q '^| small (predicted) | 1 | 2 | - |' depth && grep -q '^| linux-6.18 | 1 |' depth && grep -q '^Rows marked (predicted)' depth"
"$cmp" "$measured" >plain 2>&1
check "a measurement is not marked" sh -c "grep -q '^  errno.pipe ' plain && ! grep -q 'predicted' plain"
"$cmp" --depth-table --kind unix-seqpacket "$measured" small.rec >kind 2>&1
check "--kind: the catalogue's labels for that kind" sh -c \
	"grep -q '^backlog  *INT_MIN  *-1  *0  *1  *2  *5  *SOMAXCONN  *somaxconn  *somaxconn+1  *INT_MAX  *32768  *65536\$' kind && grep -q '^small (predicted) .*socket:EPROTONOSUPPORT' kind"
refused "--kind: an unknown kind is an error naming the kinds" \
	"unknown kind 'tcp7' (the catalogue has: tcp4, tcp6, unix-stream, unix-seqpacket, mptcp4, mptcp6, sctp4-stream, sctp6-stream, vsock)" \
	"$cmp" --depth-table --kind tcp7 "$measured"
printf '# listen-conformance record: 1\n# derived-from:\nerrno.pipe\tENOTSOCK\n' >empty-from.rec
refused "a record whose derived-from names no file" "empty-from.rec:2: derived-from names no file" \
	"$cmp" empty-from.rec

# A prediction agrees with the file it came from (catches drift between
# the predictor and the judge), and the check can fail.
"$obs" --judge small.rec --expect small.exp --tap >judge 2>&1
check "--judge of a prediction against its own file: every case passes" sh -c \
	"! grep -q '^not ok' judge && [ \$(grep -c '^ok' judge) -eq 8 ] && grep -q 'a prediction derived from small.exp' judge"
sed 's/^depth.tcp4.1\t2/depth.tcp4.1\t3/' small.rec >changed.rec
"$obs" --judge changed.rec --expect small.exp --tap >judge2 2>&1
check "the same check fails when one token differs" grep -q '^not ok .* depth.tcp4.1: observed 3, expected 2' judge2

# The platforms make compare predicts (LISTEN_PREDICTIONS, from Makefile.am's
# PREDICTIONS), at their default facts: every line evaluates and the record
# agrees with its file.  A platform whose file is not there is a SKIP.
for e in ${LISTEN_PREDICTIONS:-freebsd:somaxconn=128,SOMAXCONN=128 darwin:somaxconn=128,SOMAXCONN=128}; do
	p=${e%%:*}
	f=
	for a in $(echo "${e#*:}" | tr ',' ' '); do f="$f --fact $a"; done
	if [ ! -f "$results/$p.exp" ]; then
		skip "$p at its default facts" "no results/$p.exp"
		continue
	fi
	# shellcheck disable=SC2086
	"$pred" $f "$results/$p.exp" >"$p.rec" 2>"$p.err"
	status=$?
	"$obs" --judge "$p.rec" --expect "$results/$p.exp" --tap >"$p.judge" 2>&1
	if [ "$status" -eq 0 ] && ! grep -q "	skip" "$p.rec" && ! grep -q '^not ok' "$p.judge" &&
		[ "$(grep -c '^ok' "$p.judge")" -eq "$(grep -vc '^#' "$p.rec")" ]; then
		ok "$p at its default facts ($(echo "${e#*:}")): $(grep -vc '^#' "$p.rec") cases, all agree with results/$p.exp"
	else
		notok "$p at its default facts: exit status $status, $(head -c 300 "$p.err") $(grep '^not ok' "$p.judge" | head -n 3)"
	fi
done

# linux.exp at the facts of a measured run predicts that run.
for r in linux-6.18 linux-6.18-somaxconn16; do
	rec="$results/observed/$r.rec"
	sm=$(sed -n 's/^# somaxconn: //p' "$rec")
	SM=$(sed -n 's/^# SOMAXCONN: //p' "$rec")
	rel=$(sed -n 's/^# release: //p' "$rec")
	"$pred" --fact somaxconn="$sm" --fact SOMAXCONN="$SM" --fact release="$rel" \
		"$results/linux.exp" >"$r.pred" 2>/dev/null
	# Cases the run skipped (no namespace, no IPv6 here) are left aside.
	body "$rec" | grep -v '	skip$' >"$r.got"
	body "$r.pred" | awk -F '\t' 'NR == FNR { seen[$1] = 1; next } seen[$1]' "$r.got" - >"$r.want"
	check "linux.exp at the facts of $r.rec predicts what that run measured" cmp -s "$r.want" "$r.got"
done
echo "1..$n"
