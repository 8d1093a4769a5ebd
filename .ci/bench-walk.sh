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
#      Xvfb (a 1440×900 window) and presses ↓ through the whole list, then ↑ back
#      (second visit: previews from the caches), with walktime
#      (app/ui/internal/walktime): each move is timed from the key press
#      (XTEST) to the DAMAGE event of the first frame that changed where the
#      detail shows the requirement's ID, the window being still before each
#      press; walktime also reports the application's CPU time (all its
#      threads, Mesa's rasterisers included) over the same span, the figure
#      to trust when the machine is loaded. The application's own trace
#      (DOSSIER_SEGUR_TRACE=1) gives the time its key handler took;
#   3. reports the GUI's RSS when the dossier is open, after the walks,
#      7 s later (settled: the application gives the memory of its last
#      moves back 5 s after the user stops) and at its peak, the anonymous
#      part of it (the process's own memory: Go and C heaps, stacks; the
#      rest is shared file pages: the binary, libraries, the dossier's
#      mapping), and its largest mappings (Mesa's llvmpipe, libLLVM,
#      the binary, the C heap, anonymous memory where the Go heap is),
#      against two baselines in the same X server: the smallest Fyne
#      application (fynefloor, app/ui/internal/fynefloor: one window, one
#      label; what any Fyne window costs there) and the application on its
#      start screen (no dossier open);
#   4. then moves PAUSED times (default 6), each after 8 s on the
#      requirement before, as someone reading each one: times the move
#      after the memory was given back, and reads the RSS after a pause;
#   5. repeats 2 to 4 ROUNDS times, in turn, and prints the medians.
# Usage: .ci/bench-walk.sh   (ITEMS=2000; DISPLAY_NUM=95; BENCHTIME=30x;
#        ROUNDS=3; MOVES=moves each way, default the whole list; PAUSED=6; BIN=path to reuse a binary; SKIP_GO=1 to skip the Go
#        benchmark; KEEP=dir to keep the dossiers and logs there)
# Needs: xvfb, xdotool, x11-utils (BENCH=1 bash .ci/setup), python3.
set -euo pipefail
ITEMS=${ITEMS:-2000}
DISPLAY_NUM=${DISPLAY_NUM:-95}
BENCHTIME=${BENCHTIME:-30x}
ROUNDS=${ROUNDS:-3}
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
go build -tags no_emoji -o "$work/fynefloor" ./app/ui/internal/fynefloor
# Both binaries as after a restart, read from the disk, not as the linker
# has just written them: the kernel maps the whole large folio a freshly
# written file's pages sit in, where a file read from the disk has smaller
# ones (the application on its start screen: 29 MiB of its binary resident
# instead of 23). Dropping the cache of a file no process runs.
for b in "$bin" "$work/fynefloor"; do dd if="$b" iflag=nocache count=0 status=none; done
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

echo "--- the real GUI under Xvfb :$DISPLAY_NUM (a 1440×900 window), $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
xvfb_start "$DISPLAY_NUM"
moves=${MOVES:-$((${#reqs[@]} - 1))}
# field NAME FILE: the number after NAME on each trace line.
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$2"; }
# pct P: the P-th percentile (nearest rank) of the numbers read.
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((NR * p + 99) / 100); if (i < 1) i = 1; print v[i] }'; }
# keep NAME VALUE: one round's figure, for the medians at the end.
keep() { echo "$1 $2" >>"$work/figures.txt"; }
# after TEXT LINE: the number that follows TEXT in LINE.
after() { awk -v t="$2" -v k="$1" 'BEGIN { i = index(t, k); if (i) { $0 = substr(t, i + length(k)); print $1 + 0 } }'; }
# status KEY PID: a /proc/PID/status figure (VmRSS, VmHWM, RssAnon…) in MiB.
status() { awk -v k="$1:" '$1 == k { printf "%.1f\n", $2 / 1024 }' "/proc/$2/status"; }
# mappings PID: the largest mappings: the binary, Mesa's libraries
# (llvmpipe's LLVM), the C heap, anonymous memory (the Go heap among it).
mappings() {
	awk '/^[0-9a-f]+-/ { n = $6; if (n == "") n = "[anonyme]"; sub(".*/", "", n) } /^Rss:/ { r[n] += $2 }
		END { for (k in r) if (r[k] >= 4096) printf "    %6.1f MiB  %s\n", r[k] / 1024, k }' "/proc/$1/smaps" | sort -rn
}
# stop: ends the GUI process $app.
stop() {
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	app=""
}
# still LABEL PATTERN CMD…: a baseline: runs CMD, waits for its window
# (title PATTERN) to be still, then 2 s, and prints its RSS.
still() {
	local label=$1 pattern=$2
	shift 2
	"$@" >"$work/$label.log" 2>&1 &
	app=$!
	local win
	win=$(gui_window "$app" "$pattern") || { echo "$label: the window did not open" >&2; cat "$work/$label.log" >&2; exit 1; }
	"$work/walktime" -window "$win" -n 0 >/dev/null
	sleep 2
	echo "$label, RSS: $(status VmRSS "$app") MiB (anonymous $(status RssAnon "$app"), files $(status RssFile "$app")), peak $(status VmHWM "$app") MiB"
	keep "$label.rss" "$(status VmRSS "$app")"
	keep "$label.anon" "$(status RssAnon "$app")"
	keep "$label.peak" "$(status VmHWM "$app")"
	if [ "$round" = 1 ]; then mappings "$app"; fi
	stop
}
# paused LABEL WINDOW: PAUSED single moves (↓), each after 8 s on the
# requirement before (someone reading it): the application gives memory
# back 5 s after the user stops (the Go heap's free pages, the clean pages
# of code of the binary and its libraries), so the next move faults back
# in what it runs. Prints the moves' times and the RSS after the last pause.
paused() {
	local label=$1 win=$2 i out
	[ "${PAUSED:-6}" -gt 0 ] || return 0
	: >"$work/$label.paused"
	for i in $(seq "${PAUSED:-6}"); do
		out=$("$work/walktime" -window "$win" -pid "$app" -key Down -n 1 | tail -2)
		echo "$(after "first frame median" "$out") $(after "to the first frame showing it median" "$out")" >>"$work/$label.paused"
		sleep 8
	done
	local fm fx cm
	fm=$(awk '{ print $1 }' "$work/$label.paused" | median)
	fx=$(awk '{ print $1 }' "$work/$label.paused" | pct 100)
	cm=$(awk '{ print $2 }' "$work/$label.paused" | median)
	echo "$label, ${PAUSED:-6} moves each after 8 s still: first frame median $fm ms, max $fx ms; CPU median $cm ms;" \
		"RSS after the last pause $(status VmRSS "$app") MiB (anonymous $(status RssAnon "$app"), files $(status RssFile "$app"))"
	keep "$label.paused_median" "$fm"
	keep "$label.paused_max" "$fx"
	keep "$label.paused_cpu" "$cm"
	keep "$label.paused_rss" "$(status VmRSS "$app")"
}
# walk LABEL DOSSIER: opens the GUI on it (window title "Dossier Ségur —
# name"), presses ↓ through the list then ↑ back, and prints the times
# and the RSS.
walk() {
	local label=$1 log="$work/$1.log"
	DOSSIER_SEGUR_TRACE=1 "$bin" "$2" >"$log" 2>&1 &
	app=$!
	local win
	win=$(gui_window "$app") || { echo "the window did not open" >&2; cat "$log" >&2; exit 1; }
	"$work/walktime" -window "$win" -n 0 >/dev/null
	local opened
	opened=$(status VmRSS "$app")
	local n0 visit key arrow out
	n0=$(grep -c 'trace move' "$log" || true)
	for visit in first second; do
		key=Down arrow=↓
		if [ $visit = second ]; then key=Up arrow=↑; fi
		out=$("$work/walktime" -window "$win" -pid "$app" -key $key -n "$moves" -label "$label, $visit visit ($arrow)" | tail -2)
		echo "$out"
		keep "$label.$visit.median" "$(after "first frame median" "$out")"
		keep "$label.$visit.p95" "$(after ", p95" "$out")"
		keep "$label.$visit.cpu_median" "$(after "to the first frame showing it median" "$out")"
		keep "$label.$visit.cpu_p95" "$(after ", p95" "${out#*showing it median}")"
	done
	local trace="$work/$label.trace"
	grep 'trace move' "$log" | tail -n +$((n0 + 1)) >"$trace" || true
	echo "$label, in-app trace ($(wc -l <"$trace") moves): key handler median $(field handler "$trace" | pct 50) ms," \
		"p95 $(field handler "$trace" | pct 95) ms"
	echo "$label, RSS: opened $opened MiB; after the walks $(status VmRSS "$app") MiB (anonymous $(status RssAnon "$app")," \
		"files $(status RssFile "$app"), shared memory $(status RssShmem "$app")), peak $(status VmHWM "$app") MiB"
	keep "$label.opened" "$opened"
	keep "$label.rss" "$(status VmRSS "$app")"
	keep "$label.anon" "$(status RssAnon "$app")"
	sleep 7
	echo "$label, RSS 7 s later: $(status VmRSS "$app") MiB (anonymous $(status RssAnon "$app"), files $(status RssFile "$app"))"
	keep "$label.settled" "$(status VmRSS "$app")"
	keep "$label.settled_anon" "$(status RssAnon "$app")"
	keep "$label.peak" "$(status VmHWM "$app")"
	if [ "$round" = 1 ]; then mappings "$app"; fi
	paused "$label" "$win"
	if [ -n "${KEEP:-}" ]; then cp "$log" "$KEEP/"; fi
	stop
}
for round in $(seq "$ROUNDS"); do
	echo "-- round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	still plancher_fyne "* — plancher" "$work/fynefloor"
	still accueil "Dossier Ségur" "$bin"
	walk sans_preuve "$base"
	walk deux_mille "$d"
done
# med NAME: the median of a figure over the rounds.
med() { awk -v k="$1" '$1 == k { print $2 }' "$work/figures.txt" | median; }
echo "--- medians of $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for label in sans_preuve deux_mille; do
	for visit in first second; do
		echo "$label, $visit visit: first frame median $(med "$label.$visit.median") ms, p95 $(med "$label.$visit.p95") ms;" \
			"CPU median $(med "$label.$visit.cpu_median") ms, p95 $(med "$label.$visit.cpu_p95") ms"
	done
done
echo "RSS (MiB): smallest Fyne window $(med plancher_fyne.rss) (anonymous $(med plancher_fyne.anon), peak $(med plancher_fyne.peak));" \
	"start screen $(med accueil.rss) (anonymous $(med accueil.anon), peak $(med accueil.peak))"
for label in sans_preuve deux_mille; do
	echo "RSS (MiB), $label: opened $(med "$label.opened"), after the walks $(med "$label.rss") (anonymous $(med "$label.anon"))," \
		"7 s later $(med "$label.settled") (anonymous $(med "$label.settled_anon")), peak $(med "$label.peak")"
	if [ "${PAUSED:-6}" -gt 0 ]; then
		echo "$label, moves after 8 s still: first frame median $(med "$label.paused_median") ms, max $(med "$label.paused_max") ms," \
			"CPU median $(med "$label.paused_cpu") ms; RSS after the last pause $(med "$label.paused_rss") MiB"
	fi
done
awk -v a="$(med deux_mille.rss)" -v b="$(med sans_preuve.rss)" -v f="$(med plancher_fyne.rss)" -v s="$(med accueil.rss)" \
	-v l="$(med deux_mille.settled)" 'BEGIN {
	printf "RSS after the walks, 2,000 proofs: %.2f× no proof, %.2f× the start screen, %.2f× the smallest Fyne window (%.0f MiB above it; 7 s later %.0f MiB above it); target: <= 150 MB (143 MiB)\n", a / b, a / s, a / f, a - f, l - f }'
