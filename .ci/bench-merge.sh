#!/usr/bin/env bash
# bench-merge.sh: merging two copies of a dossier against a durable copy of
# the bytes they differ by, measured side by side in the same run.
#
#   dossier:  A holds BASE of random proofs (4 files); B is a working copy
#             of A (new B --from A) that gained DIFF of new proofs (2 files)
#   baseline: cp of those DIFF bytes (the 2 files) + sync
#   merge:    dossier-segur merge A B --apply + sync, on a fresh copy of A
#             each round (peak RSS from /usr/bin/time -v)
#   dry run:  dossier-segur merge A B (nothing written)
#
# Files are read once before each timed command so that all read from the
# page cache. RUNS rounds (default 3) run every command in turn; medians
# are compared, and the median of each round's own ratio (robust when the
# machine's speed drifts between rounds). Targets: merge <= 1.5 x baseline, peak RSS <= 100 MiB.
# Also checks the merge: 2 proofs added, a second merge is a no-op.
# With VS=path to another build (an older one), each round also runs its
# merge --apply + sync on a fresh copy, for a before/after in the same run.
# Usage: .ci/bench-merge.sh   (BASE=1024 MiB, DIFF=200 MiB, RUNS=3; BIN=path to reuse a binary; VS=path)
set -euo pipefail
export LANG=fr_FR.UTF-8
BASE=${BASE:-1024}
DIFF=${DIFF:-200}
RUNS=${RUNS:-3}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/var/tmp}/bench-merge.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=.ci/lib/bench.sh
. .ci/lib/bench.sh
bin=$(bench_binary "$work")
quiet() { "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/out.txt" "$work/err.txt" >&2; exit 1; }; }

quiet "$bin" new "$work/a.segur" --name Bench --vendor V --product P --version 1
# Random bytes are of kind "other": the file policy would refuse them.
quiet "$bin" policy "$work/a.segur" --kinds tous --max-size 0
for i in 1 2 3 4; do head -c "$((BASE / 4))M" /dev/urandom >"$work/base$i.bin"; done
quiet "$bin" attach "$work/a.segur" --req INS.01 "$work"/base*.bin
rm -f "$work"/base*.bin
quiet "$bin" new "$work/b.segur" --from "$work/a.segur"
mkdir "$work/diff"
for i in 1 2; do head -c "$((DIFF / 2))M" /dev/urandom >"$work/diff/new$i.bin"; done
quiet "$bin" attach "$work/b.segur" --req INS.02 "$work"/diff/*.bin
mv "$work/a.segur" "$work/a0.segur"
sync
for i in $(seq "$RUNS"); do
	cat "$work"/diff/*.bin >/dev/null
	rm -rf "$work/copy"
	sync
	timed cp sh -c "/usr/bin/time -v -o '$work/cptime.txt' cp -r '$work/diff' '$work/copy' && sync"
	cpu_s "$work/cptime.txt" >>"$work/cpcpu.txt"
	rm -rf "$work/copy"

	cp "$work/a0.segur" "$work/a.segur"
	cat "$work/a.segur" "$work/b.segur" >/dev/null
	sync
	timed dry quiet "$bin" merge "$work/a.segur" "$work/b.segur" --json
	grep -q '"evidence_added": 2' "$work/out.txt" || { echo "dry run:" >&2; cat "$work/out.txt" >&2; exit 1; }
	timed merge sh -c "/usr/bin/time -v -o '$work/time.txt' '$bin' merge '$work/a.segur' '$work/b.segur' --apply --prefer theirs --json >'$work/out.txt' 2>'$work/err.txt' && sync" || true
	grep -q '"applied": true' "$work/out.txt" || { echo "merge:" >&2; cat "$work/out.txt" "$work/err.txt" >&2; exit 1; }
	rss_mib "$work/time.txt" >>"$work/rss.txt"
	cpu_s "$work/time.txt" >>"$work/cpu.txt"
	quiet "$bin" merge "$work/a.segur" "$work/b.segur" --json
	grep -q '"evidence_added": 0' "$work/out.txt" || { echo "second merge is not a no-op:" >&2; cat "$work/out.txt" >&2; exit 1; }
	if [ -n "${VS:-}" ]; then
		cp "$work/a0.segur" "$work/a.segur"
		cat "$work/a.segur" "$work/b.segur" >/dev/null
		sync
		timed vs sh -c "/usr/bin/time -v -o '$work/time.txt' '$VS' merge '$work/a.segur' '$work/b.segur' --apply --prefer theirs --json >'$work/out.txt' 2>'$work/err.txt' && sync" || true
		grep -q '"applied": true' "$work/out.txt" || { echo "merge (VS: it must read this build's dossiers):" >&2; cat "$work/out.txt" "$work/err.txt" >&2; exit 1; }
		rss_mib "$work/time.txt" >>"$work/vsrss.txt"
		cpu_s "$work/time.txt" >>"$work/vscpu.txt"
		ratio "$(tail -1 "$work/vs.txt")" "$(tail -1 "$work/cp.txt")" >>"$work/vspair.txt"
		echo >>"$work/vspair.txt"
		echo "round $i: VS merge --apply + sync $(tail -1 "$work/vs.txt") s, CPU $(tail -1 "$work/vscpu.txt") s, peak RSS $(tail -1 "$work/vsrss.txt") MiB"
	fi
	ratio "$(tail -1 "$work/merge.txt")" "$(tail -1 "$work/cp.txt")" >>"$work/pair.txt"
	echo >>"$work/pair.txt"
	echo "round $i: cp+sync $(tail -1 "$work/cp.txt") s (cp's CPU $(tail -1 "$work/cpcpu.txt") s), merge --apply + sync $(tail -1 "$work/merge.txt") s (CPU $(tail -1 "$work/cpu.txt") s), dry run $(tail -1 "$work/dry.txt") s, peak RSS $(tail -1 "$work/rss.txt") MiB"
done
cp=$(median <"$work/cp.txt")
merge=$(median <"$work/merge.txt")
dry=$(median <"$work/dry.txt")
echo "dossier: $(stat -c %s "$work/a0.segur") bytes; copy: $(stat -c %s "$work/b.segur") bytes; difference: ${DIFF} MiB in 2 files; medians of $RUNS rounds; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cp + sync of the difference : ${cp} s"
echo "CPU (user + system), medians: cp $(median <"$work/cpcpu.txt") s, merge $(median <"$work/cpu.txt") s"
echo "merge --apply + sync        : ${merge} s  ratio $(ratio "$merge" "$cp"), median of the rounds' ratios $(median <"$work/pair.txt") (target <= 1.5); peak RSS $(sort -n "$work/rss.txt" | tail -1) MiB (target <= 100)"
echo "merge, dry run              : ${dry} s"
if [ -n "${VS:-}" ]; then
	vs=$(median <"$work/vs.txt")
	echo "VS merge --apply + sync     : ${vs} s  ratio $(ratio "$vs" "$cp"), median of the rounds' ratios $(median <"$work/vspair.txt"); CPU $(median <"$work/vscpu.txt") s; peak RSS $(sort -n "$work/vsrss.txt" | tail -1) MiB"
fi
