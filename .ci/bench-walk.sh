#!/usr/bin/env bash
# bench-walk.sh: walking a large dossier in the real GUI. Builds, with the
# CLI, a dossier of every profile (117 requirements) holding 2,000 proofs
# (20 on the first requirement, about 17 on each other one; a third of them
# 1280×720 screen captures, the rest logs), and the same dossier with no
# proof at all (the baseline: the same list and detail, nothing to preview),
# then:
#   1. (unless SKIP_GO=1) runs BenchmarkNextRequirement (app/ui): the move
#      and a repaint by Fyne's test driver, CPU time;
#   2. runs the real GUI (GLFW, OpenGL through Mesa) on each dossier under
#      Xvfb 1440×900 and presses ↓ through the whole list, then ↑ back
#      (second visit: previews from the caches), with walktime
#      (app/ui/internal/walktime): each move is timed from the key press
#      (XTEST) to the DAMAGE event of the first frame that changed where the
#      detail shows the requirement's ID, the window being still before each
#      press; walktime also reports the application's CPU time (all its
#      threads, Mesa's rasterisers included) over the same span, the figure
#      to trust when the machine is loaded. The application's own trace
#      (DOSSIER_SEGUR_TRACE=1) gives the time its key handler took;
#   3. reports the GUI's RSS after the walks and its largest mappings
#      (Mesa's llvmpipe, libLLVM, the binary, the C heap, anonymous memory
#      where the Go heap is), against the baseline.
# Usage: .ci/bench-walk.sh   (ITEMS=2000; DISPLAY_NUM=95; BENCHTIME=30x;
#        BIN=path to reuse a binary; SKIP_GO=1 to skip the Go benchmark;
#        KEEP=dir to keep the dossiers and logs there)
# Needs: xvfb, xdotool, x11-utils (BENCH=1 bash .ci/setup), python3.
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
go build -o "$work/walktime" ./app/ui/internal/walktime
# Go keeps its build cache under $XDG_CACHE_HOME: the benchmark below
# must not start from an empty one.
GOCACHE=$(go env GOCACHE)
export GOCACHE LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
d="$work/walk.segur"
base="$work/sans-preuve.segur"
args=()
for p in Référentiel Envoi Opérateur Authentification Stockage; do args+=(--profile "$p"); done
"$bin" new "$d" --name "Grand dossier" --vendor "Éditeur" --product XRIS --version 4.2 "${args[@]}" >/dev/null
"$bin" new "$base" --name "Sans preuve" --vendor "Éditeur" --product XRIS --version 4.2 "${args[@]}" >/dev/null
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
if [ -n "${KEEP:-}" ]; then cp "$d" "$base" "$KEEP/"; fi

if [ -z "${SKIP_GO:-}" ]; then
	echo "--- BenchmarkNextRequirement (Fyne's test driver and software painter; CPU ms)"
	go test -tags ci -run '^$' -bench BenchmarkNextRequirement -benchtime "$BENCHTIME" ./app/ui | grep -E '^Benchmark'
fi

echo "--- the real GUI under Xvfb :$DISPLAY_NUM (1440×900), load average $(cut -d' ' -f1-3 /proc/loadavg)"
xvfb_start "$DISPLAY_NUM"
moves=$((${#reqs[@]} - 1))
# field NAME FILE: the number after NAME on each trace line.
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$2"; }
# pct P: the P-th percentile (nearest rank) of the numbers read.
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((NR * p + 99) / 100); if (i < 1) i = 1; print v[i] }'; }
# walk LABEL DOSSIER: opens the GUI on it (window title "Dossier Ségur —
# name"), presses ↓ through the list then ↑ back, and prints the times
# and the RSS.
walk() {
	local label=$1 log="$work/$1.log"
	DOSSIER_SEGUR_TRACE=1 "$bin" "$2" >"$log" 2>&1 &
	app=$!
	local win
	win=$(gui_window "$app") || { echo "the window did not open" >&2; cat "$log" >&2; exit 1; }
	local opened
	"$work/walktime" -window "$win" -n 0 >/dev/null
	opened=$(awk '/VmRSS/ { print $2 }' "/proc/$app/status")
	local n0
	n0=$(grep -c 'trace move' "$log" || true)
	"$work/walktime" -window "$win" -pid "$app" -key Down -n "$moves" -label "$label, first visit (↓)" | tail -2
	"$work/walktime" -window "$win" -pid "$app" -key Up -n "$moves" -label "$label, second visit (↑)" | tail -2
	local trace="$work/$label.trace"
	grep 'trace move' "$log" | tail -n +$((n0 + 1)) >"$trace" || true
	echo "$label, in-app trace ($(wc -l <"$trace") moves): key handler median $(field handler "$trace" | pct 50) ms," \
		"p95 $(field handler "$trace" | pct 95) ms"
	awk -v l="$label" -v o="$opened" '
		/VmRSS|VmHWM|RssAnon|RssFile|RssShmem/ { v[$1] = $2 / 1024 }
		END { printf "%s, RSS: opened %.0f MiB; after the walks %.0f MiB (anonymous %.0f, files %.0f, shared memory %.0f), peak %.0f MiB\n",
			l, o / 1024, v["VmRSS:"], v["RssAnon:"], v["RssFile:"], v["RssShmem:"], v["VmHWM:"] }' "/proc/$app/status"
	eval "rss_$label=$(awk '/VmRSS/ { print $2 }' "/proc/$app/status")"
	# The largest mappings: the binary, Mesa's libraries (llvmpipe's LLVM),
	# the C heap, anonymous memory (the Go heap among it).
	awk '/^[0-9a-f]+-/ { n = $6; if (n == "") n = "[anonyme]"; sub(".*/", "", n) } /^Rss:/ { r[n] += $2 }
		END { for (k in r) if (r[k] >= 4096) printf "    %6.1f MiB  %s\n", r[k] / 1024, k }' "/proc/$app/smaps" | sort -rn
	if [ -n "${KEEP:-}" ]; then cp "$log" "$KEEP/"; fi
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	app=""
}
walk sans_preuve "$base"
walk deux_mille "$d"
awk -v a="$rss_deux_mille" -v b="$rss_sans_preuve" 'BEGIN { printf "RSS ratio, 2,000 proofs / no proof: %.2f (target: <= 150 MiB)\n", a / b }'
