#!/usr/bin/env bash
# bench-scale.sh: a dossier of 20,000 proofs totalling 20 GiB, and the same
# at 2,000 proofs / 2 GiB, each command against its baseline measured in
# the same run, and how each grows from the small point to the large one.
#
# Proofs (same mix at every point; sizes log-uniform within each class,
# videos scaled so that the point reaches its total):
#   60 % logs 1 KiB-64 KiB, 30 % screenshots 50 KiB-1.5 MiB,
#    9 % documents 100 KiB-8 MiB, 1 % videos 20 MiB-500 MiB
# spread over the 117 requirements of a dossier with every profile, one
# `attach` call per requirement.
#
# Figures (wall time; peak RSS from /usr/bin/time -v):
#   build      the attach calls + sync   vs  max(openssl dgst -sha256 of
#                                            every file, cp -r + sync)
#   status     median of RUNS            vs  status on the empty dossier
#   check      median of RUNS            vs  check on the empty dossier
#   evidence   --json, median of RUNS    vs  evidence --json, empty dossier
#   export     --draft, whole dossier    vs  cp -r + sync of the files
#   compact    whole dossier             vs  cp of the dossier file + sync
# The GUI (open to a usable window, repaint) is not measured here.
#
# Disk: the files, the dossier and one copy at a time: about 3 x the
# largest total (60 GiB for 20 GiB), checked before each step; everything
# is removed at the end.
# Usage: .ci/bench-scale.sh   (POINTS="2000:2 20000:20" proofs:GiB,
#                              RUNS=5; BIN=path to reuse a binary;
#                              WORK=folder with the room)
set -euo pipefail
export LANG=fr_FR.UTF-8
POINTS=${POINTS:-"2000:2 20000:20"}
RUNS=${RUNS:-5}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${WORK:-/var/tmp}/bench-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=${BIN:-}
if [ -z "$bin" ]; then
	go build -o "$work/dossier-segur" .
	bin="$work/dossier-segur"
fi
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
maxof() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b) ? a : b }'; }
need_gib() { # need_gib N: stop when the work folder has less than N GiB free
	local free
	free=$(df -BG --output=avail "$work" | tail -1 | tr -dc 0-9)
	[ "$free" -ge "$1" ] || { echo "only ${free} GiB free in $work, ${1} GiB needed: stopping" >&2; exit 1; }
}
# med NAME CMD…: runs CMD RUNS times; prints the median wall time, and
# the largest peak RSS in NAME.rss.
med() {
	local name=$1 i t0 t1
	shift
	: >"$work/$name.times"
	for i in $(seq "$RUNS"); do
		t0=$(now)
		/usr/bin/time -v -o "$work/t.txt" "$@" >/dev/null 2>&1 || true
		t1=$(now)
		secs "$t0" "$t1" >>"$work/$name.times"
		rss_mib "$work/t.txt" >>"$work/$name.rss"
	done
	median <"$work/$name.times"
}
maxrss() { sort -n "$work/$1.rss" | tail -1; }
new_dossier() {
	"$bin" new "$1" --name Bench --vendor V --product P --version 1 \
		--profile "Référentiel" --profile "Envoi" --profile "Opérateur" --profile "Authentification" --profile "Stockage" >/dev/null
}
mapfile -t reqs < <("$bin" catalogue --json | python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)["requirements"]]')
new_dossier "$work/empty.segur"

# generate N GIB DIR: the proofs of one point, one folder per requirement,
# cut from one AES-CTR stream (random, no two chunks alike, fast).
generate() {
	openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:$1" -in /dev/zero 2>/dev/null |
		python3 -c "$gen" "$1" "$2" "$3" "${#reqs[@]}" || [ "${PIPESTATUS[1]}" = 0 ]
}
gen='
import math, os, random, sys
n, gib, out, nreq = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rng = random.Random(15)
def logu(lo, hi): return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
K, M = 1024, 1024 * 1024
classes = [(0.60, "log", "txt", 1 * K, 64 * K), (0.30, "ecran", "png", 50 * K, 1536 * K),
           (0.09, "document", "pdf", 100 * K, 8 * M), (0.01, "video", "mp4", 20 * M, 500 * M)]
items = []
for share, name, ext, lo, hi in classes:
    for _ in range(round(n * share)):
        items.append([name, ext, logu(lo, hi)])
rest = int(gib * 1024 * M) - sum(s for name, _, s in items if name != "video")
videos = [it for it in items if it[0] == "video"]
scale = rest / max(1, sum(it[2] for it in videos))
for it in videos:
    it[2] = max(20 * M, min(500 * M, int(it[2] * scale)))
rng.shuffle(items)
src = sys.stdin.buffer
for i, (name, ext, size) in enumerate(items):
    d = os.path.join(out, "r%03d" % (i % nreq))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "%s-%05d.%s" % (name, i, ext)), "wb") as f:
        left = size
        while left > 0:
            k = min(left, 4 * M)
            f.write(src.read(k))
            left -= k
'

for point in $POINTS; do
	n=${point%%:*}
	gib=${point##*:}
	need_gib "$(awk -v g="$gib" 'BEGIN { printf "%d", g * 3 + 5 }')"
	src="$work/src-$n"
	t0=$(now)
	generate "$n" "$gib" "$src"
	sync
	echo "point $n proofs / $gib GiB: $(find "$src" -type f | wc -l) files, $(du -sb "$src" | cut -f1) bytes, generated in $(secs "$t0" "$(now)") s"

	# Baselines of the build: one SHA-256 pass, one durable copy.
	find "$src" -type f -exec cat {} + >/dev/null
	t0=$(now)
	find "$src" -type f -print0 | xargs -0 openssl dgst -sha256 >/dev/null
	t1=$(now)
	openssl_s=$(secs "$t0" "$t1")
	t0=$(now)
	cp -r "$src" "$work/copy" && sync
	t1=$(now)
	cp_s=$(secs "$t0" "$t1")
	rm -rf "$work/copy"
	sync

	d="$work/d-$n.segur"
	new_dossier "$d"
	: >"$work/build.rss"
	t0=$(now)
	for dir in "$src"/r*; do
		r=${reqs[$((10#${dir##*/r}))]}
		/usr/bin/time -v -o "$work/t.txt" "$bin" attach "$d" --req "$r" "$dir"/* >/dev/null 2>"$work/attach.err" ||
			{ cat "$work/attach.err" >&2; exit 1; }
		rss_mib "$work/t.txt" >>"$work/build.rss"
	done
	sync
	t1=$(now)
	build_s=$(secs "$t0" "$t1")
	floor=$(maxof "$openssl_s" "$cp_s")
	echo "  build    $build_s s vs max(openssl $openssl_s s, cp -r+sync $cp_s s): x$(ratio "$build_s" "$floor"); peak RSS $(maxrss build) MiB; dossier $(stat -c %s "$d") bytes"

	for cmd in status check "evidence --json"; do
		name=${cmd%% *}
		: >"$work/$name-$n.rss"
		: >"$work/$name-empty.rss"
		# shellcheck disable=SC2086
		full=$(med "$name-$n" "$bin" $cmd "$d")
		# shellcheck disable=SC2086
		empty=$(med "$name-empty" "$bin" $cmd "$work/empty.segur")
		echo "  $cmd $full s vs empty dossier $empty s: x$(ratio "$full" "$empty"); peak RSS $(maxrss "$name-$n") MiB"
		eval "${name}_$n=$full"
	done

	need_gib "$(awk -v g="$gib" 'BEGIN { printf "%d", g + 3 }')"
	t0=$(now)
	/usr/bin/time -v -o "$work/t.txt" "$bin" export "$d" --out "$work/paquet.zip" --draft >/dev/null 2>"$work/export.err" && sync ||
		{ cat "$work/export.err" >&2; exit 1; }
	t1=$(now)
	export_s=$(secs "$t0" "$t1")
	echo "  export   $export_s s vs cp -r+sync $cp_s s: x$(ratio "$export_s" "$cp_s"); peak RSS $(rss_mib "$work/t.txt") MiB; package $(stat -c %s "$work/paquet.zip") bytes"
	rm -f "$work/paquet.zip"
	rm -rf "$src"
	sync

	need_gib "$(awk -v g="$gib" 'BEGIN { printf "%d", g + 3 }')"
	t0=$(now)
	cp "$d" "$work/copy.segur" && sync
	t1=$(now)
	copy_s=$(secs "$t0" "$t1")
	rm -f "$work/copy.segur"
	t0=$(now)
	/usr/bin/time -v -o "$work/t.txt" "$bin" compact "$d" >/dev/null 2>"$work/compact.err" && sync ||
		{ cat "$work/compact.err" >&2; exit 1; }
	t1=$(now)
	compact_s=$(secs "$t0" "$t1")
	echo "  compact  $compact_s s vs cp+sync of the dossier $copy_s s: x$(ratio "$compact_s" "$copy_s"); peak RSS $(rss_mib "$work/t.txt") MiB"
	rm -f "$d"
	eval "build_$n=$build_s export_$n=$export_s compact_$n=$compact_s"
	last=$n
	first=${first:-$n}
done
if [ "$first" != "$last" ]; then
	echo "growth from $first to $last proofs (x$((last / first)) proofs and bytes):"
	for name in build status check evidence export compact; do
		a=$(eval echo "\$${name}_$first")
		b=$(eval echo "\$${name}_$last")
		echo "  $name: $a s -> $b s (x$(ratio "$b" "$a"))"
	done
fi
