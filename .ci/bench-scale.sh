#!/usr/bin/env bash
# bench-scale.sh: a dossier of 20,000 proofs totalling 20 GiB, and the same
# at 2,000 proofs / 2 GiB, each command against its baseline measured in
# the same run, and how each grows from the small point to the large one.
#
# Proofs (same mix at every point; sizes log-uniform within each class,
# videos scaled towards the point's total within their 20-500 MiB range,
# so a point whose other proofs already exceed its total ends larger: 20,000
# proofs hold about 6 GiB at least):
#   60 % logs 1 KiB-64 KiB, 30 % screenshots 50 KiB-1.5 MiB,
#    9 % documents 100 KiB-8 MiB, 1 % videos 20 MiB-500 MiB
# spread over the 117 requirements of a dossier with every profile, one
# `attach` call per requirement. Every byte comes from one AES-CTR stream
# keyed by the point's count of proofs: no two proofs (no two 1 MiB
# chunks) share content, so deduplication cannot flatter the figures, and
# the same files can be generated again, byte for byte.
#
# Figures (wall time and CPU time, user + system; peak RSS from
# /usr/bin/time -v; the load average at each step):
#   build      the attach calls + sync   vs  max(openssl dgst -sha256 of
#                                            every file, cp -r + sync)
#   status     median of RUNS            vs  status on the empty dossier
#   check      median of RUNS            vs  check on the empty dossier
#   evidence   --json, median of RUNS    vs  evidence --json, empty dossier
#   GUI open   launch to a still main window (walktime -n 0: its last
#              frame), median of GUI_RUNS vs the same on the empty dossier
#   repaint    ↓ to the next requirement, first frame showing it
#              (walktime), median of MOVES moves  vs  the empty dossier
#   export     --draft, whole dossier    vs  cp -r + sync of the files
#   compact    whole dossier             vs  cp of the dossier file + sync
#
# Disk: at most twice a point's bytes at any moment (40.8 GiB measured
# for the 20 GiB point). Order: generate the files; hash them (openssl);
# build the dossier; delete the files; status, check, evidence, GUI;
# export, delete the package; copy the dossier, delete the copy; compact
# (bbolt writes the compacted copy beside the dossier, then renames it
# over); delete the dossier; generate the same files again for the cp -r
# + sync baseline; delete everything. Before each step the free space is
# checked: a step that would leave less than MIN_FREE_GIB (5) GiB free
# is refused, and a watchdog stops the run if the free space falls below
# it during a step (others share the disk). The work folder is removed
# at the end, also on failure or interruption.
# Usage: .ci/bench-scale.sh   (POINTS="2000:2 20000:20" proofs:GiB,
#        RUNS=5; BIN=path to reuse a binary; WORK=folder with the room;
#        MIN_FREE_GIB=5; SKIP_GUI=1 to leave the GUI out (left out anyway
#        without xvfb, xdotool, x11-utils: BENCH=1 bash .ci/setup, or when
#        display DISPLAY_NUM is taken); DISPLAY_NUM=95;
#        GUI_RUNS=3; MOVES=20; SHRINK=N divides every proof's size by N,
#        e.g. SHRINK=256 for 20,000 proofs of a few KiB: enough for the
#        commands whose cost follows the number of proofs, not for export
#        and compaction)
#        ONLY=export: the build, then only the export against cp -r + sync
#        of the same files (.ci/lib/scale-export.sh), ROUNDS=1 rounds,
#        OLD_BIN=path to export with that binary too, in turn (A/B);
#        e.g. ONLY=export POINTS=20000:20 for the 20 GiB figure.
# Every timed export, copy and compaction starts with the files it reads
# out of the page cache (per file, after a sync: uncache in lib/scale.sh):
# a 20 GiB dossier does not fit in it, a 2 GiB one would flatter.
set -euo pipefail
export LANG=fr_FR.UTF-8
POINTS=${POINTS:-"2000:2 20000:20"}
RUNS=${RUNS:-5}
MIN_FREE_GIB=${MIN_FREE_GIB:-5}
DISPLAY_NUM=${DISPLAY_NUM:-95}
GUI_RUNS=${GUI_RUNS:-3}
MOVES=${MOVES:-20}
SHRINK=${SHRINK:-1}
ONLY=${ONLY:-}
ROUNDS=${ROUNDS:-1}
OLD_BIN=${OLD_BIN:-}
case "$ONLY" in "" | export) ;; *) echo "bench-scale: ONLY=$ONLY: only ONLY=export is known" >&2; exit 2 ;; esac
[ -z "$OLD_BIN" ] || [ -x "$OLD_BIN" ] || { echo "bench-scale: OLD_BIN=$OLD_BIN is not a program" >&2; exit 2; }
cd "$(dirname "$0")/.."
work=$(mktemp -d "${WORK:-/var/tmp}/bench-scale.XXXXXX")
xvfb=""
app=""
watchdog=""
failed=""
# kill_tree PID [SPARE]: ends PID and every process under it, except SPARE.
kill_tree() {
	local c
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		[ "$c" = "${2:-}" ] || kill_tree "$c" "${2:-}"
	done
	kill "$1" 2>/dev/null || true
}
cleanup() {
	trap - EXIT INT TERM
	if [ -n "$watchdog" ]; then kill_tree "$watchdog"; fi
	local c
	for c in $(ps -o pid= --ppid $$ 2>/dev/null); do kill_tree "$c"; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# shellcheck source=.ci/lib/bench.sh
. .ci/lib/bench.sh
# shellcheck source=.ci/lib/scale.sh
. .ci/lib/scale.sh
# shellcheck source=.ci/lib/scale-export.sh
. .ci/lib/scale-export.sh
bin=$(bench_binary "$work")
GIB=$((1024 * 1024 * 1024))
free_bytes() { df -B1 --output=avail "$work" | tail -1 | tr -dc 0-9; }
gib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1073741824 }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# phase NAME BYTES: refuses the step NAME, which writes about BYTES, when
# it would leave less than MIN_FREE_GIB GiB free.
phase() {
	local free
	free=$(free_bytes)
	echo "  [$1: $(gib "$free") GiB free, needs $(gib "$2") GiB; load $(load)]"
	if [ $((free - $2)) -lt $((MIN_FREE_GIB * GIB)) ]; then
		echo "bench-scale: step \"$1\" needs $(gib "$2") GiB and $work has $(gib "$free") GiB free:" \
			"it would leave less than $MIN_FREE_GIB GiB; stopping (free some room, or choose smaller POINTS)" >&2
		exit 1
	fi
}
# The watchdog: stops the run (the script, then whatever it is running)
# if the free space falls below MIN_FREE_GIB while a step writes.
(
	while sleep 2; do
		if [ "$(free_bytes)" -lt $((MIN_FREE_GIB * GIB)) ]; then
			echo "bench-scale: less than $MIN_FREE_GIB GiB free in $work: stopping" >&2
			kill -TERM $$ 2>/dev/null || true
			for c in $(ps -o pid= --ppid $$); do [ "$c" = "$BASHPID" ] || kill_tree "$c" "$BASHPID"; done
			exit 1
		fi
	done
) &
watchdog=$!

# run NAME CMD…: runs CMD once under /usr/bin/time -v; appends its wall
# time, CPU time and peak RSS to NAME.wall, NAME.cpu and NAME.rss; on
# failure prints its exit status and errors and marks the run failed.
# `check` exits with 1 when it found blocking gaps (every dossier here
# has): that is a failure only if it printed no report.
run() {
	local name=$1 t0 t1 rc=0
	shift
	t0=$(now)
	/usr/bin/time -v -o "$work/t.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || rc=$?
	t1=$(now)
	secs "$t0" "$t1" >>"$work/$name.wall"
	cpu_s "$work/t.txt" >>"$work/$name.cpu"
	rss_mib "$work/t.txt" >>"$work/$name.rss"
	if [ "$rc" = 1 ] && [ "$2" = check ] && [ -s "$work/out.txt" ] && ! grep -q 'terminated by signal' "$work/t.txt"; then
		rc=0
	fi
	if [ "$rc" != 0 ]; then
		echo "  FAILED: ${*:1:3} (exit $rc; $(grep -h 'terminated by signal' "$work/t.txt" || true))" >&2
		head -c 2000 "$work/err.txt" >&2
		failed=1
		return 1
	fi
}
reset() { local f; for f in "$@"; do : >"$work/$f.wall"; : >"$work/$f.cpu"; : >"$work/$f.rss"; done; }
med() { median <"$work/$1.$2"; }
sum() { awk '{ s += $1 } END { printf "%.2f\n", s }' "$work/$1.$2"; }
maxrss() { sort -n "$work/$1.rss" | tail -1; }
# fig NAME: "W s (CPU C s), peak RSS R MiB": NAME's medians, largest RSS.
fig() { echo "$(med "$1" wall) s (CPU $(med "$1" cpu) s), peak RSS $(maxrss "$1") MiB"; }

mapfile -t reqs < <("$bin" catalogue --json | python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)["requirements"]]')
new_dossier "$work/empty.segur"

# gui LABEL DOSSIER: opens the GUI on DOSSIER GUI_RUNS times, each time
# from launch until its main window is still (its last frame); in the last
# run, presses ↓ MOVES times (walktime). Leaves LABEL-open.{wall,cpu},
# LABEL-move.{wall,cpu} (medians in ms) and LABEL.hwm (peak RSS, MiB).
gui() {
	local label=$1 i t0 win still
	: >"$work/$label-open.wall"
	: >"$work/$label-open.cpu"
	for i in $(seq "$GUI_RUNS"); do
		t0=$(now)
		"$bin" "$2" >"$work/gui.log" 2>&1 &
		app=$!
		if ! win=$(gui_window "$app") ||
			! still=$("$work/walktime" -window "$win" -max 600s -n 0 | awk '/^still since/ { print $3 }'); then
			echo "  FAILED: the GUI on $label did not open to a still window" >&2
			head -c 2000 "$work/gui.log" >&2
			kill "$app" 2>/dev/null || true
			wait "$app" 2>/dev/null || true
			app=""
			failed=1
			return 1
		fi
		proc_cpu "$app" >>"$work/$label-open.cpu"
		secs "$t0" "$still" >>"$work/$label-open.wall"
		if [ "$i" = "$GUI_RUNS" ]; then
			"$work/walktime" -window "$win" -pid "$app" -key Down -n "$MOVES" -max 120s >"$work/$label-walk.txt" ||
				{ echo "  FAILED: the walk through $label" >&2; tail -3 "$work/$label-walk.txt" >&2; failed=1; }
			sed -n 's/.*first frame median \([0-9.]*\) ms.*/\1/p' "$work/$label-walk.txt" >"$work/$label-move.wall"
			sed -n 's/.*to the first frame showing it median \([0-9.]*\) ms.*/\1/p' "$work/$label-walk.txt" >"$work/$label-move.cpu"
			awk '/VmHWM/ { printf "%.0f\n", $2 / 1024 }' "/proc/$app/status" >"$work/$label.hwm"
		fi
		kill "$app" 2>/dev/null || true
		wait "$app" 2>/dev/null || true
		app=""
	done
}
[ "$ONLY" != export ] || SKIP_GUI=1
if [ -z "${SKIP_GUI:-}" ] && ! { command -v Xvfb && command -v xdotool && command -v xdpyinfo; } >/dev/null; then
	echo "no Xvfb, xdotool or xdpyinfo (BENCH=1 bash .ci/setup): the GUI is left out" >&2
	SKIP_GUI=1
fi
if [ -z "${SKIP_GUI:-}" ]; then
	go build -o "$work/walktime" ./app/ui/internal/walktime
	xvfb_start "$DISPLAY_NUM" || { echo "the GUI is left out (set DISPLAY_NUM to a free display)" >&2; SKIP_GUI=1; }
	export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
fi

for point in $POINTS; do
	n=${point%%:*}
	gib=${point##*:}
	src="$work/src-$n"
	d="$work/d-$n.segur"
	echo "point $n proofs / $gib GiB ($(date -u +%H:%M) UTC)"
	if [ "$ONLY" = export ]; then
		export_only "$n" "$gib" || exit 1
		continue
	fi
	make_files "$n" "$gib" "$src"

	# The build's first baseline: one SHA-256 pass (the copy is timed at
	# the end, on the same files generated again).
	find "$src" -type f -exec cat {} + >/dev/null
	reset openssl
	run openssl sh -c "find '$src' -type f -print0 | xargs -0 openssl dgst -sha256"

	make_dossier "$src" "$d" || exit 1

	for cmd in status check "evidence --json"; do
		name=${cmd%% *}
		reset "$name-$n" "$name-empty"
		for _ in $(seq "$RUNS"); do
			# shellcheck disable=SC2086
			run "$name-$n" "$bin" $cmd "$d" || break
			# shellcheck disable=SC2086
			run "$name-empty" "$bin" $cmd "$work/empty.segur" || break
		done
		echo "  $cmd: $(fig "$name-$n") vs empty dossier $(fig "$name-empty"): ×$(ratio "$(med "$name-$n" wall)" "$(med "$name-empty" wall)") wall, ×$(ratio "$(med "$name-$n" cpu)" "$(med "$name-empty" cpu)") CPU; load $(load)"
	done

	if [ -z "${SKIP_GUI:-}" ]; then
		gui "gui-empty" "$work/empty.segur" || true
		gui "gui-$n" "$d" || true
		if [ -s "$work/gui-$n-open.wall" ] && [ -s "$work/gui-empty-open.wall" ]; then
			echo "  GUI open: $(med "gui-$n-open" wall) s (CPU $(med "gui-$n-open" cpu) s) vs empty dossier $(med gui-empty-open wall) s (CPU $(med gui-empty-open cpu) s): ×$(ratio "$(med "gui-$n-open" wall)" "$(med gui-empty-open wall)") wall, ×$(ratio "$(med "gui-$n-open" cpu)" "$(med gui-empty-open cpu)") CPU; peak RSS $(cat "$work/gui-$n.hwm") MiB vs $(cat "$work/gui-empty.hwm") MiB"
		fi
		if [ -s "$work/gui-$n-move.wall" ] && [ -s "$work/gui-empty-move.wall" ]; then
			echo "  repaint (↓, $MOVES moves): first frame $(cat "$work/gui-$n-move.wall") ms (CPU $(cat "$work/gui-$n-move.cpu") ms) vs empty dossier $(cat "$work/gui-empty-move.wall") ms (CPU $(cat "$work/gui-empty-move.cpu") ms): ×$(ratio "$(cat "$work/gui-$n-move.wall")" "$(cat "$work/gui-empty-move.wall")") wall; load $(load)"
			grep -E '^[0-9]+ moves;|CPU of the application' "$work/gui-$n-walk.txt" | sed 's/^/    /'
		fi
	fi

	phase "export" "$d_bytes"
	reset "export-$n"
	uncache "$d"
	t0=$(now)
	run "export-$n" "$bin" export "$d" --out "$work/paquet.zip" --draft && sync
	export_s=$(secs "$t0" "$(now)")
	if [ -f "$work/paquet.zip" ]; then p_bytes=$(stat -c %s "$work/paquet.zip"); else p_bytes=0; fi
	echo "  export: $export_s s with sync (CPU $(sum "export-$n" cpu) s), peak RSS $(maxrss "export-$n") MiB; package $p_bytes bytes; load $(load)"
	rm -f "$work/paquet.zip"
	sync

	time_cp_dossier "$d"
	phase "compact" "$d_bytes"
	reset "compact-$n"
	uncache "$d"
	t0=$(now)
	run "compact-$n" "$bin" compact "$d" && sync
	compact_s=$(secs "$t0" "$(now)")
	echo "  compact: $compact_s s with sync (CPU $(sum "compact-$n" cpu) s), peak RSS $(maxrss "compact-$n") MiB vs cp + sync of the dossier $copy_s s: ×$(ratio "$compact_s" "$copy_s"); dossier after $(stat -c %s "$d") bytes; load $(load)"
	rm -f "$d"
	sync

	# The same files again, for the copy baseline of the build and the export.
	phase "generate the files again" "$src_bytes"
	generate "$n" "$gib" "$src"
	sync
	[ "$(du -sb "$src" | cut -f1)" = "$src_bytes" ] || { echo "bench-scale: the files generated again differ" >&2; exit 1; }
	time_cp_r "$src"
	rm -rf "$src"
	sync
	openssl_s=$(med openssl wall)
	floor=$(maxof "$openssl_s" "$cp_s")
	echo "  build: $build_s s vs max(openssl $openssl_s s (CPU $(med openssl cpu) s), cp -r + sync $cp_s s): ×$(ratio "$build_s" "$floor")"
	echo "  export: $export_s s vs cp -r + sync $cp_s s: ×$(ratio "$export_s" "$cp_s")"
	eval "build_$n=$build_s export_$n=$export_s compact_$n=$compact_s cp_$n=$cp_s"
	last=$n
	first=${first:-$n}
done
if [ "$ONLY" != export ] && [ "$first" != "$last" ]; then
	echo "growth from $first to $last proofs (×$(ratio "$last" "$first") proofs):"
	for name in build export compact cp; do
		a=$(eval echo "\$${name}_$first")
		b=$(eval echo "\$${name}_$last")
		echo "  $name: $a s -> $b s (×$(ratio "$b" "$a"))"
	done
	for name in status check evidence; do
		echo "  $name: $(med "$name-$first" wall) s -> $(med "$name-$last" wall) s (×$(ratio "$(med "$name-$last" wall)" "$(med "$name-$first" wall)")); CPU $(med "$name-$first" cpu) s -> $(med "$name-$last" cpu) s (×$(ratio "$(med "$name-$last" cpu)" "$(med "$name-$first" cpu)"))"
	done
	if [ -z "${SKIP_GUI:-}" ] && [ -s "$work/gui-$first-open.wall" ] && [ -s "$work/gui-$last-open.wall" ]; then
		echo "  GUI open: $(med "gui-$first-open" wall) s -> $(med "gui-$last-open" wall) s (×$(ratio "$(med "gui-$last-open" wall)" "$(med "gui-$first-open" wall)")); CPU ×$(ratio "$(med "gui-$last-open" cpu)" "$(med "gui-$first-open" cpu)")"
	fi
	if [ -z "${SKIP_GUI:-}" ] && [ -s "$work/gui-$first-move.wall" ] && [ -s "$work/gui-$last-move.wall" ]; then
		echo "  repaint: $(cat "$work/gui-$first-move.wall") ms -> $(cat "$work/gui-$last-move.wall") ms (×$(ratio "$(cat "$work/gui-$last-move.wall")" "$(cat "$work/gui-$first-move.wall")")); CPU ×$(ratio "$(cat "$work/gui-$last-move.cpu")" "$(cat "$work/gui-$first-move.cpu")")"
	fi
fi
[ -z "$failed" ] || { echo "bench-scale: some commands failed (above)" >&2; exit 1; }
