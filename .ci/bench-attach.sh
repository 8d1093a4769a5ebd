#!/usr/bin/env bash
# bench-attach.sh: attaching with the CLI against the physical floor of
# the same work, measured side by side in the same run on the same file.
#
#   floor:     the larger of one hardware-accelerated SHA-256 pass
#              (openssl dgst -sha256 F) and a durable copy (cp F C && sync C)
#   new:       dossier-segur attach D --req INS.01 F && sync D (fresh dossier)
#   re-attach: dossier-segur attach D --req INS.02 F && sync D (same content
#              already in D), against openssl dgst -sha256 F; D's growth
#   small:     2,000 files of 16 KiB in one attach call (fresh dossier)
#   steps:     dd bs=6M oflag=dsync of F (informative: the disk's cost of
#              making 6 MiB durable at a time, the size of attach's commits,
#              with no hashing; each of attach's commits also syncs a meta page)
#
# Each written file is synced alone (sync FILE, an fsync): a global sync
# would also wait for whatever the machine's other programs left dirty,
# a random cost charged to whichever command came before it (and openssl,
# which writes nothing, paid none of it against a re-attach).
# Cache state: every command reads F in the same state. By default all
# read it from the page cache (F, and D for a re-attach, are read once just
# before); COLD=1 takes F (and D) out of the page cache before each command
# instead (per file: dd iflag=nocache, never the global cache), so that all
# read from the disk. Disk timings on a shared VM are noisy: RUNS rounds
# (default 3) run every command in turn and medians are compared. Prints
# the figures, the ratios (targets: new <= 1.5 x floor, re-attach <= 1.3 x
# openssl, small <= 5 s), the peak RSS of each attach (target <= 64 MiB)
# and the dossier's growth on re-attach (target <= 32 MiB), then extract
# against cp, once. The load average is printed with each round, and the
# CPU time (user + system) of each command beside its wall time: on a
# loaded machine the wall times are mostly waiting for a core or the disk.
#
# A/B: OLD=REV (a git revision, built here) or OLD=PATH (a binary) runs the
# other version's new attach and re-attach in the same rounds, in turn with
# this one (which goes first alternates), against the same floor.
# Usage: .ci/bench-attach.sh   (SIZE=1G, RUNS=3, SMALL=2000, COLD=1, OLD=main;
#        BIN=path to reuse a binary)
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
old=""
if [ -n "${OLD:-}" ]; then
	if [ -f "$OLD" ]; then
		old=$OLD
	else
		mkdir "$work/old-src"
		git archive "$OLD" | tar -x -C "$work/old-src"
		(cd "$work/old-src" && go build -tags no_emoji -o "$work/dossier-segur-old" .)
		rm -rf "$work/old-src"
		old=$work/dossier-segur-old
	fi
fi
# ready FILE…: puts the files in the state every timed command reads them
# in: in the page cache, or (COLD=1) out of it.
ready() {
	if [ -n "${COLD:-}" ]; then
		sync
		for f in "$@"; do dd if="$f" iflag=nocache count=0 status=none; done
	else
		cat "$@" >/dev/null
	fi
}
new_dossier() { # new_dossier FILE [BINARY]
	local b=${2:-$bin}
	rm -f "$1"
	"$b" new "$1" --name Bench --vendor V --product P --version 1 >/dev/null 2>&1
	# Random bytes are of kind "other" and 1 GiB exceeds the default limit:
	# the file policy would refuse them at the door.
	"$b" policy "$1" --kinds tous --max-size 0 >/dev/null 2>&1
	sync
}
attach() { # attach BINARY DOSSIER REQ FILE… under /usr/bin/time, then sync
	/usr/bin/time -v -o "$work/time.txt" "$1" attach "$2" --req "$3" "${@:4}" >"$work/attach.txt" 2>"$work/attach.err" && sync "$2"
}
# large VERSION BINARY: a new attach of F to a fresh dossier, then the
# same content again to another requirement; figures under VERSION.
large() {
	local v=$1 b=$2
	new_dossier "$work/d.segur" "$b"
	ready "$work/src.bin"
	timed "new$v" attach "$b" "$work/d.segur" INS.01 "$work/src.bin"
	rss_mib "$work/time.txt" >>"$work/rss-new$v.txt"
	cpu_s "$work/time.txt" >>"$work/cpu-new$v.txt"
	grep -q "$want" "$work/attach.txt" || { echo "attach recorded another digest:" >&2; cat "$work/attach.txt" "$work/attach.err" >&2; exit 1; }

	before=$(stat -c %s "$work/d.segur")
	ready "$work/src.bin" "$work/d.segur"
	timed "again$v" attach "$b" "$work/d.segur" INS.02 "$work/src.bin"
	rss_mib "$work/time.txt" >>"$work/rss-again$v.txt"
	cpu_s "$work/time.txt" >>"$work/cpu-again$v.txt"
	echo $(($(stat -c %s "$work/d.segur") - before)) >>"$work/growth$v.txt"
}

head -c "$SIZE" /dev/urandom >"$work/src.bin"
want=$(openssl dgst -sha256 -r "$work/src.bin" | cut -d' ' -f1)
mkdir "$work/small"
for i in $(seq -w "$SMALL"); do head -c 16384 /dev/urandom >"$work/small/log-$i.txt"; done
sync
for i in $(seq "$RUNS"); do
	ready "$work/src.bin"
	timed openssl /usr/bin/time -v -o "$work/time-openssl.txt" openssl dgst -sha256 "$work/src.bin" >/dev/null
	cpu_s "$work/time-openssl.txt" >>"$work/cpu-openssl.txt"
	rm -f "$work/copy.bin"
	sync
	ready "$work/src.bin"
	timed cp /usr/bin/time -v -o "$work/time-cp.txt" sh -c "cp '$work/src.bin' '$work/copy.bin' && sync '$work/copy.bin'"
	cpu_s "$work/time-cp.txt" >>"$work/cpu-cp.txt"
	rm -f "$work/copy.bin"
	sync
	ready "$work/src.bin"
	timed steps dd if="$work/src.bin" of="$work/copy.bin" bs=6M oflag=dsync status=none
	rm -f "$work/copy.bin"

	if [ -n "$old" ] && [ $((i % 2)) = 0 ]; then
		large -old "$old"
		large "" "$bin"
	else
		large "" "$bin"
		[ -z "$old" ] || large -old "$old"
	fi

	new_dossier "$work/s.segur"
	ready "$work/small"/*
	timed small attach "$bin" "$work/s.segur" INS.01 "$work/small"/*
	rss_mib "$work/time.txt" >>"$work/rss-small.txt"
	[ "$(grep -c '^Preuve' "$work/attach.txt")" = "$SMALL" ] || { echo "small files not all added" >&2; tail "$work/attach.err" >&2; exit 1; }
	line="round $i (load $(cut -d' ' -f1 /proc/loadavg)): openssl $(tail -1 "$work/openssl.txt") s, cp+sync $(tail -1 "$work/cp.txt") s, dd 6M dsync $(tail -1 "$work/steps.txt") s, attach $(tail -1 "$work/new.txt") s, re-attach $(tail -1 "$work/again.txt") s"
	[ -z "$old" ] || line="$line; old: attach $(tail -1 "$work/new-old.txt") s, re-attach $(tail -1 "$work/again-old.txt") s"
	echo "$line; $SMALL small files $(tail -1 "$work/small.txt") s"
done
openssl=$(median <"$work/openssl.txt")
cp=$(median <"$work/cp.txt")
floor=$(maxof "$openssl" "$cp")
small=$(median <"$work/small.txt")
echo "file: $SIZE ($(stat -c %s "$work/src.bin") bytes), read $([ -n "${COLD:-}" ] && echo "out of" || echo from) the page cache by every command; medians of $RUNS rounds; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "openssl dgst -sha256           : ${openssl} s (CPU $(median <"$work/cpu-openssl.txt") s)"
echo "cp + sync                      : ${cp} s (CPU of cp $(median <"$work/cpu-cp.txt") s; the kernel's writeback is not counted)"
echo "dd bs=6M oflag=dsync           : $(median <"$work/steps.txt") s  ratio to cp + sync $(ratio "$(median <"$work/steps.txt")" "$cp") (informative: durable 6 MiB steps)"
for v in "" ${old:+-old}; do
	new=$(median <"$work/new$v.txt")
	again=$(median <"$work/again$v.txt")
	name=${v:+"(old: $OLD) "}
	echo "${name}attach new content + sync      : ${new} s  ratio to max(openssl, cp+sync) $(ratio "$new" "$floor") (target <= 1.5); CPU $(median <"$work/cpu-new$v.txt") s; peak RSS $(sort -n "$work/rss-new$v.txt" | tail -1) MiB (target <= 64)"
	echo "${name}re-attach same content + sync  : ${again} s  ratio to openssl $(ratio "$again" "$openssl") (target <= 1.3); CPU $(median <"$work/cpu-again$v.txt") s; peak RSS $(sort -n "$work/rss-again$v.txt" | tail -1) MiB; growth $(sort -n "$work/growth$v.txt" | tail -1) bytes (target <= 32 MiB)"
done
echo "$SMALL files of 16 KiB, one call : ${small} s (target <= 5); peak RSS $(sort -n "$work/rss-small.txt" | tail -1) MiB"

# Streaming out, once: extract (content checked against its SHA-256,
# written to a temporary file, fsynced, linked) versus cp + sync.
sync
t4=$(now)
cp "$work/src.bin" "$work/copy.bin" && sync "$work/copy.bin"
t5=$(now)
t6=$(now)
/usr/bin/time -v -o "$work/time2.txt" "$bin" extract "$work/d.segur" --evidence 1 --out "$work/out.bin" >/dev/null 2>&1 && sync "$work/out.bin"
t7=$(now)
cmp -s "$work/src.bin" "$work/out.bin" || { echo "extracted content differs" >&2; exit 1; }
echo "cp + sync                      : $(secs "$t4" "$t5") s"
echo "extract + sync                 : $(secs "$t6" "$t7") s  ratio $(ratio "$(secs "$t6" "$t7")" "$(secs "$t4" "$t5")"); peak RSS $(rss_mib "$work/time2.txt") MiB"
