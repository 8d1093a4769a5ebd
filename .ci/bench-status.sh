#!/usr/bin/env bash
# bench-status.sh: `status` on a dossier holding 2,000 evidence items
# totalling 2 GiB, against `status` on the same dossier empty, in the same
# run (target: <= 0.3 s; status reads the evidence index, never the
# content). Each is run RUNS times (default 11); medians are compared.
# Usage: .ci/bench-status.sh   (ITEMS=2000, TOTAL_MIB=2048; BIN=path to reuse a binary)
set -euo pipefail
export LANG=fr_FR.UTF-8
ITEMS=${ITEMS:-2000}
TOTAL_MIB=${TOTAL_MIB:-2048}
RUNS=${RUNS:-11}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/var/tmp}/bench-status.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=.ci/lib/bench.sh
. .ci/lib/bench.sh
bin=$(bench_binary "$work")
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
time_status() {
	for _ in $(seq "$RUNS"); do
		s=$(date +%s%N)
		"$bin" status "$1" >/dev/null 2>&1
		e=$(date +%s%N)
		awk -v a="$s" -v b="$e" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
	done | median
}

"$bin" new "$work/empty.segur" --name Vide --vendor V --product P --version 1 >/dev/null 2>&1
"$bin" new "$work/full.segur" --name Plein --vendor V --product P --version 1 >/dev/null 2>&1
# Random bytes are of kind "other": allow them, or the policy refuses them.
"$bin" policy "$work/full.segur" --kinds tous >/dev/null 2>&1

# ITEMS random files of TOTAL_MIB/ITEMS each, attached 100 at a time to
# as many requirements as needed.
mkdir "$work/files"
per=$((TOTAL_MIB * 1024 * 1024 / ITEMS))
head -c "$((per * ITEMS))" /dev/urandom | split -b "$per" -a 5 -d - "$work/files/f."
mapfile -t reqs < <("$bin" catalogue --json 2>/dev/null | python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(sys.stdin)["requirements"]))')
mapfile -t files < <(ls "$work/files" | sort)
start=$(date +%s)
for ((i = 0; i < ${#files[@]}; i += 100)); do
	req=${reqs[$(((i / 100) % ${#reqs[@]}))]}
	(cd "$work/files" && "$bin" attach "$work/full.segur" --req "$req" "${files[@]:i:100}" >/dev/null 2>&1)
done
rm -rf "$work/files"
items=$("$bin" evidence "$work/full.segur" --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), sum(e["size"] for e in d))')
echo "dossier: $items (items, bytes of evidence), file $(stat -c %s "$work/full.segur") bytes, built in $(($(date +%s) - start)) s"
sync
empty=$(time_status "$work/empty.segur")
full=$(time_status "$work/full.segur")
echo "status, empty dossier (median of $RUNS)         : ${empty} s"
echo "status, $ITEMS items / $TOTAL_MIB MiB (median of $RUNS) : ${full} s (target <= 0.3)"
awk -v a="$full" -v b="$empty" 'BEGIN { printf "ratio full/empty : %.2f\n", a / b }'
