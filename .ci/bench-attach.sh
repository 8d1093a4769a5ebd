#!/usr/bin/env bash
# bench-attach.sh: attaching with the CLI against the physical floor of
# the same work, measured side by side in the same run on the same file.
#
#   floor:     the larger of one hardware-accelerated SHA-256 pass
#              (openssl dgst -sha256 F) and a durable copy (cp F dst && sync)
#   new:       dossier-segur attach D --req INS.01 F && sync   (fresh dossier)
#   re-attach: dossier-segur attach D --req INS.02 F && sync   (same content
#              already in D), against openssl dgst -sha256 F; D's growth
#   small:     2,000 files of 16 KiB in one attach call (fresh dossier)
#
# F is read once before each timed command so that all read it from the
# page cache. Disk timings on a shared VM are noisy: RUNS rounds (default
# 3) run every command in turn and medians are compared. Prints the
# figures, the ratios (targets: new <= 1.5 x floor, re-attach <= 1.3 x
# openssl, small <= 5 s), the peak RSS of each attach (target <= 64 MiB)
# and the dossier's growth on re-attach (target <= 32 MiB), then extract
# against cp, once. The load average is printed with each round, and the
# CPU time (user + system) of each command beside its wall time: on a
# loaded machine the wall times are mostly waiting for a core or the disk.
# Usage: .ci/bench-attach.sh   (SIZE=1G, RUNS=3, SMALL=2000; BIN=path to reuse a binary)
set -euo pipefail
export LANG=fr_FR.UTF-8
SIZE=${SIZE:-1G}
RUNS=${RUNS:-3}
SMALL=${SMALL:-2000}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/var/tmp}/bench-attach.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=.ci/lib/bench.sh
. .ci/lib/bench.sh
bin=$(bench_binary "$work")
new_dossier() {
	rm -f "$1"
	"$bin" new "$1" --name Bench --vendor V --product P --version 1 >/dev/null 2>&1
	# Random bytes are of kind "other" and 1 GiB exceeds the default limit:
	# the file policy would refuse them at the door.
	"$bin" policy "$1" --kinds tous --max-size 0 >/dev/null 2>&1
	sync
}
attach() { # attach DOSSIER REQ FILE… under /usr/bin/time, then sync
	/usr/bin/time -v -o "$work/time.txt" "$bin" attach "$1" --req "$2" "${@:3}" >"$work/attach.txt" 2>"$work/attach.err" && sync
}

head -c "$SIZE" /dev/urandom >"$work/src.bin"
want=$(openssl dgst -sha256 -r "$work/src.bin" | cut -d' ' -f1)
mkdir "$work/small"
for i in $(seq -w "$SMALL"); do head -c 16384 /dev/urandom >"$work/small/log-$i.txt"; done
sync
for i in $(seq "$RUNS"); do
	cat "$work/src.bin" >/dev/null
	timed openssl /usr/bin/time -v -o "$work/time-openssl.txt" openssl dgst -sha256 "$work/src.bin" >/dev/null
	cpu_s "$work/time-openssl.txt" >>"$work/cpu-openssl.txt"
	cat "$work/src.bin" >/dev/null
	rm -f "$work/copy.bin"
	sync
	timed cp /usr/bin/time -v -o "$work/time-cp.txt" sh -c "cp '$work/src.bin' '$work/copy.bin' && sync"
	cpu_s "$work/time-cp.txt" >>"$work/cpu-cp.txt"
	rm -f "$work/copy.bin"

	new_dossier "$work/d.segur"
	cat "$work/src.bin" >/dev/null
	timed new attach "$work/d.segur" INS.01 "$work/src.bin"
	rss_mib "$work/time.txt" >>"$work/rss-new.txt"
	cpu_s "$work/time.txt" >>"$work/cpu-new.txt"
	grep -q "$want" "$work/attach.txt" || { echo "attach recorded another digest:" >&2; cat "$work/attach.txt" "$work/attach.err" >&2; exit 1; }

	before=$(stat -c %s "$work/d.segur")
	cat "$work/src.bin" >/dev/null
	timed again attach "$work/d.segur" INS.02 "$work/src.bin"
	rss_mib "$work/time.txt" >>"$work/rss-again.txt"
	echo $(($(stat -c %s "$work/d.segur") - before)) >>"$work/growth.txt"

	new_dossier "$work/s.segur"
	cat "$work/small"/* >/dev/null
	timed small attach "$work/s.segur" INS.01 "$work/small"/*
	rss_mib "$work/time.txt" >>"$work/rss-small.txt"
	[ "$(grep -c '^Preuve' "$work/attach.txt")" = "$SMALL" ] || { echo "small files not all added" >&2; tail "$work/attach.err" >&2; exit 1; }
	echo "round $i (load $(cut -d' ' -f1 /proc/loadavg)): openssl $(tail -1 "$work/openssl.txt") s, cp+sync $(tail -1 "$work/cp.txt") s, attach $(tail -1 "$work/new.txt") s," \
		"re-attach $(tail -1 "$work/again.txt") s, $SMALL small files $(tail -1 "$work/small.txt") s"
done
openssl=$(median <"$work/openssl.txt")
cp=$(median <"$work/cp.txt")
floor=$(maxof "$openssl" "$cp")
new=$(median <"$work/new.txt")
again=$(median <"$work/again.txt")
small=$(median <"$work/small.txt")
echo "file: $SIZE ($(stat -c %s "$work/src.bin") bytes); medians of $RUNS rounds; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "openssl dgst -sha256           : ${openssl} s (CPU $(median <"$work/cpu-openssl.txt") s)"
echo "cp + sync                      : ${cp} s (CPU of cp $(median <"$work/cpu-cp.txt") s; the kernel's writeback is not counted)"
echo "attach new content + sync      : ${new} s  ratio to max(openssl, cp+sync) $(ratio "$new" "$floor") (target <= 1.5); CPU $(median <"$work/cpu-new.txt") s; peak RSS $(sort -n "$work/rss-new.txt" | tail -1) MiB (target <= 64)"
echo "re-attach same content + sync  : ${again} s  ratio to openssl $(ratio "$again" "$openssl") (target <= 1.3); peak RSS $(sort -n "$work/rss-again.txt" | tail -1) MiB; growth $(sort -n "$work/growth.txt" | tail -1) bytes (target <= 32 MiB)"
echo "$SMALL files of 16 KiB, one call : ${small} s (target <= 5); peak RSS $(sort -n "$work/rss-small.txt" | tail -1) MiB"

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
echo "cp + sync                      : $(secs "$t4" "$t5") s"
echo "extract + sync                 : $(secs "$t6" "$t7") s  ratio $(ratio "$(secs "$t6" "$t7")" "$(secs "$t4" "$t5")"); peak RSS $(rss_mib "$work/time2.txt") MiB"
