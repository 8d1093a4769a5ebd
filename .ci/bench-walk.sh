#!/usr/bin/env bash
# bench-walk.sh: walking a large dossier in the GUI. Builds, with the CLI,
# a dossier of every profile (117 requirements) holding 2,000 proofs (20
# on the first requirement, a third of them 1280×720 screen captures, the
# rest logs), then:
#   1. runs BenchmarkNextRequirement (app/ui): moving to the next
#      requirement and repainting the window, CPU time p95 against a
#      repaint with nothing changed in the same run (target <= 150 ms);
#   2. runs the real GUI on that dossier under Xvfb, walks every
#      requirement with Ctrl+Down (xdotool) twice, and reports its RSS and
#      peak RSS (target <= 150 MiB) against the same GUI on an empty
#      dossier in the same run (baseline), and the time of each walk.
# Usage: .ci/bench-walk.sh   (ITEMS=2000; DISPLAY_NUM=95; BENCHTIME=30x;
#        BIN=path to reuse a binary; SKIP_GO=1 to skip the Go benchmark;
#        KEEP=dir to keep the dossier there)
# Needs: xvfb, xdotool (BENCH=1 bash .ci/setup), python3.
set -euo pipefail
ITEMS=${ITEMS:-2000}
DISPLAY_NUM=${DISPLAY_NUM:-95}
BENCHTIME=${BENCHTIME:-30x}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/var/tmp}/bench-walk.XXXXXX")
xvfb=""
app=""
cleanup() {
	if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
	if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=.ci/lib/bench.sh
. .ci/lib/bench.sh
bin=$(bench_binary "$work")
export LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
d="$work/walk.segur"
args=()
for p in Référentiel Envoi Opérateur Authentification Stockage; do args+=(--profile "$p"); done
"$bin" new "$d" --name "Grand dossier" --vendor "Éditeur" --product XRIS --version 4.2 "${args[@]}" >/dev/null
mapfile -t reqs < <("$bin" catalogue --json | python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)["requirements"]]')

# The proofs: distinct PNG captures (one picture, a different tail each:
# decoders stop at IEND) and short logs.
mkdir "$work/files"
python3 - "$work/files" "$ITEMS" "${#reqs[@]}" <<'PY'
import os, struct, sys, zlib
out, items, nreq = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
w, h = 1280, 720
rows = b"".join(b"\x00" + bytes((x * 7 + y * 3) & 255 for x in range(w)) * 3 for y in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")
# Requirement 0 gets 20 proofs, the others share the rest.
plan = [0] * 20 + [1 + i % (nreq - 1) for i in range(items - 20)]
for i, r in enumerate(plan):
    d = os.path.join(out, "%03d" % r)
    os.makedirs(d, exist_ok=True)
    if i % 3 == 0:
        open(os.path.join(d, "capture-%04d.png" % i), "wb").write(png + str(i).encode())
    else:
        open(os.path.join(d, "journal-%04d.log" % i), "w").write("%d INFO appel INSi %d\n" % (i, i) * 20)
PY
start=$(date +%s)
for dir in "$work/files"/*; do
	r=${reqs[$((10#$(basename "$dir")))]}
	"$bin" attach "$d" --req "$r" "$dir"/* >/dev/null
done
rm -rf "$work/files"
echo "dossier: $("$bin" evidence "$d" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') proofs, $(($(stat -c %s "$d") / 1048576)) MiB, built in $(($(date +%s) - start)) s"
if [ -n "${KEEP:-}" ]; then cp "$d" "$KEEP/"; fi

if [ -z "${SKIP_GO:-}" ]; then
	echo "--- BenchmarkNextRequirement (CPU ms; baseline: a repaint with nothing changed)"
	go test -tags ci -run '^$' -bench BenchmarkNextRequirement -benchtime "$BENCHTIME" ./app/ui | grep -E '^Benchmark'
fi

echo "--- the real GUI under Xvfb :$DISPLAY_NUM (1280×720)"
Xvfb ":$DISPLAY_NUM" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 300); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || { echo "Xvfb :$DISPLAY_NUM did not start (display in use?)" >&2; exit 1; }
# start_gui DOSSIER: starts the GUI on it and waits for its window (a
# cold start under load can take a minute).
start_gui() {
	"$bin" "$1" >"$work/app.log" 2>&1 &
	app=$!
	win=""
	for _ in $(seq 600); do
		win=$(xdotool search --name "^Dossier S" 2>/dev/null | head -1) && [ -n "$win" ] && break
		kill -0 "$app" 2>/dev/null || break
		sleep 0.2
	done
	[ -n "$win" ] || { echo "the window did not open" >&2; cat "$work/app.log" >&2; exit 1; }
	sleep 5
	xdotool windowsize "$win" 1280 720
	sleep 2
}
stop_gui() {
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	app=""
}
kib() { awk "/$1/ { print \$2 }" "/proc/$app/status"; }

"$bin" new "$work/empty.segur" --name Vide --vendor V --product P --version 1 >/dev/null
start_gui "$work/empty.segur"
base_rss=$(kib VmRSS)
stop_gui

start_gui "$d"
for pass in 1 2; do
	s=$(date +%s%N)
	for _ in "${reqs[@]}"; do xdotool key --window "$win" ctrl+Down; sleep 0.05; done
	e=$(date +%s%N)
	awk -v a="$s" -v b="$e" -v n="${#reqs[@]}" -v p="$pass" 'BEGIN { printf "walk %d: %d requirements in %.1f s (0.05 s pause each)\n", p, n, (b - a) / 1e9 }'
	for _ in "${reqs[@]}"; do xdotool key --window "$win" ctrl+Up; done
done
sleep 3
rss=$(kib VmRSS)
hwm=$(kib VmHWM)
stop_gui
echo "GUI RSS, empty dossier (baseline)            : $((base_rss / 1024)) MiB"
echo "GUI RSS after two walks of 2,000 proofs      : $((rss / 1024)) MiB, peak $((hwm / 1024)) MiB (target <= 150)"
awk -v a="$rss" -v b="$base_rss" 'BEGIN { printf "ratio walked/empty : %.2f\n", a / b }'
