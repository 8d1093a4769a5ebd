#!/usr/bin/env bash
# bench-attach.sh: attaching a large file with the CLI against copying it
# by hand, in the same run on the same file.
#
#   baseline: sha256sum F && cp F dst && sync
#   ours:     dossier-segur attach D --req INS.01 F && sync   (/usr/bin/time -v)
#
# F is read once before each run so that both read it from the page cache.
# Disk timings on a VM are noisy: RUNS pairs (default 3) alternate baseline
# and attach (a fresh dossier each time, else the content would be
# deduplicated) and the medians are compared. Prints both, the ratio
# (target <= 1.5), the attach's peak RSS (target <= 64 MiB), then extract
# against cp, once.
# Usage: .ci/bench-attach.sh   (SIZE=1G, RUNS=3; BIN=path to reuse a binary)
set -euo pipefail
export LANG=fr_FR.UTF-8
SIZE=${SIZE:-1G}
RUNS=${RUNS:-3}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/var/tmp}/bench-attach.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=${BIN:-}
if [ -z "$bin" ]; then
	go build -o "$work/dossier-segur" .
	bin="$work/dossier-segur"
fi
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", (b - a) / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$1"; }

head -c "$SIZE" /dev/urandom >"$work/src.bin"
sync
want=""
for i in $(seq "$RUNS"); do
	cat "$work/src.bin" >/dev/null
	t0=$(now)
	sha256sum "$work/src.bin" >"$work/sum.txt" && cp "$work/src.bin" "$work/copy.bin" && sync
	t1=$(now)
	secs "$t0" "$t1" >>"$work/base.txt"
	rm -f "$work/copy.bin" "$work/d.segur"
	want=$(cut -d' ' -f1 "$work/sum.txt")
	"$bin" new "$work/d.segur" --name Bench --vendor V --product P --version 1 >/dev/null 2>&1
	# Random bytes are of kind "other" and 1 GiB exceeds the default limit:
	# the file policy would refuse them at the door.
	"$bin" policy "$work/d.segur" --kinds tous --max-size 0 >/dev/null 2>&1
	sync

	cat "$work/src.bin" >/dev/null
	t2=$(now)
	/usr/bin/time -v -o "$work/time.txt" "$bin" attach "$work/d.segur" --req INS.01 "$work/src.bin" >"$work/attach.txt" 2>"$work/attach.err" && sync
	t3=$(now)
	secs "$t2" "$t3" >>"$work/ours.txt"
	rss_mib "$work/time.txt" >>"$work/rss.txt"
	grep -q "$want" "$work/attach.txt" || { echo "attach recorded another digest:" >&2; cat "$work/attach.txt" "$work/attach.err" >&2; exit 1; }
	echo "run $i: baseline $(tail -1 "$work/base.txt") s, attach $(tail -1 "$work/ours.txt") s, attach peak RSS $(tail -1 "$work/rss.txt") MiB"
done
base=$(median <"$work/base.txt")
ours=$(median <"$work/ours.txt")
rss=$(sort -n "$work/rss.txt" | tail -1)
echo "file: $SIZE ($(stat -c %s "$work/src.bin") bytes); dossier after attach: $(stat -c %s "$work/d.segur") bytes"
echo "baseline sha256sum + cp + sync (median of $RUNS) : ${base} s"
echo "dossier-segur attach + sync    (median of $RUNS) : ${ours} s"
awk -v a="$ours" -v b="$base" 'BEGIN { printf "ratio attach/baseline : %.2f (target <= 1.5)\n", a / b }'
echo "attach peak RSS (max of $RUNS) : ${rss} MiB (target <= 64)"

# Streaming out, once: extract (content checked against its SHA-256,
# written to a temporary file, fsynced, linked) versus cp + sync.
sync
t4=$(now)
cp "$work/src.bin" "$work/copy.bin" && sync
t5=$(now)
t6=$(now)
/usr/bin/time -v -o "$work/time2.txt" "$bin" extract "$work/d.segur" --evidence 1 --out "$work/out.bin" >/dev/null 2>&1 && sync
t7=$(now)
cmp -s "$work/src.bin" "$work/out.bin" || { echo "extracted content differs" >&2; exit 1; }
echo "baseline cp + sync           : $(secs "$t4" "$t5") s"
echo "dossier-segur extract + sync : $(secs "$t6" "$t7") s (peak RSS $(rss_mib "$work/time2.txt") MiB)"
awk -v a="$(secs "$t6" "$t7")" -v b="$(secs "$t4" "$t5")" 'BEGIN { printf "ratio extract/cp : %.2f\n", a / b }'
