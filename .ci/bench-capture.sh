#!/usr/bin/env bash
# bench-capture.sh: capture→stored time of app/capture on a real X display,
# against ImageMagick's `import -window root` measured in the same run.
#
# For each of two X servers it starts itself (display :97, 1920x1080x24):
#   - "bare":     Xvfb :97 -screen 0 1920x1080x24
#                 (resets whenever its last client disconnects, which makes
#                 kbinani/screenshot's one-connection-per-call flaky);
#   - "noreset":  the same with -noreset, like a desktop session where the
#                 window manager and other clients stay connected;
# it sets a screenshot-like root background (bars, two columns of text, a
# photo-like thumbnail; the bare server loses it at its first reset, so
# there both tools capture a black screen), then
#   1. runs BenchmarkDesktopGrabEncode N times: Grab(display 0) with the
#      default retry policy + Apply(no edit) + EncodePNG to a file; median;
#   2. times `import -window root x.png` N times; median;
#   3. prints the ratio.
# Finally it runs BenchmarkEncodeLevels (PNG BestSpeed vs Default).
# Usage: .ci/bench-capture.sh   (N and DISPLAY_NUM may be overridden)
set -euo pipefail

N=${N:-20}
DISPLAY_NUM=${DISPLAY_NUM:-97}
DISP=":$DISPLAY_NUM"
cd "$(dirname "$0")/.."

work=$(mktemp -d)
xvfb_pid=
stop_xvfb() {
	if [ -n "$xvfb_pid" ]; then
		kill "$xvfb_pid" 2>/dev/null || true
		wait "$xvfb_pid" 2>/dev/null || true
		xvfb_pid=
	fi
}
trap 'stop_xvfb; rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
metric() { awk -v m="$1" '/^BenchmarkDesktopGrabEncode/ { for (i = 1; i < NF; i++) if ($(i + 1) == m) print $i }' "$2"; }

# Screenshot-like background, so that PNG encoding does real work.
text_args=()
y=72
col=320
while IFS= read -r line; do
	text_args+=(-annotate "+$col+$y" "${line//%/%%}")
	y=$((y + 13))
	if [ "$y" -gt 1060 ]; then y=72; col=$((col + 620)); fi
done < <(cat app/dossier/*.go | grep -v '^[[:space:]]*$' | expand -t4 | cut -c1-80 | head -152)
convert -size 1920x1080 xc:'#f5f5f5' \
	-fill '#2d2d30' -draw 'rectangle 0,0 1919,35' \
	-fill '#0d6efd' -draw 'rectangle 0,36 1919,55' \
	-fill '#e9ecef' -draw 'rectangle 0,56 299,1079' \
	-font DejaVu-Sans-Mono -pointsize 11 -fill '#212121' "${text_args[@]}" \
	\( -size 360x240 plasma:fractal \) -geometry +1540+120 -composite \
	"$work/wallpaper.png"

go test -c -tags ci -o "$work/capture.test" ./app/capture/
go build -o "$work/dossier-segur" .

run_config() {
	local name=$1
	shift
	if [ -e "/tmp/.X${DISPLAY_NUM}-lock" ]; then
		echo "display $DISP is already in use (/tmp/.X${DISPLAY_NUM}-lock); set DISPLAY_NUM" >&2
		exit 1
	fi
	Xvfb "$DISP" "$@" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 50); do
		DISPLAY=$DISP xdpyinfo >/dev/null 2>&1 && break
		sleep 0.1
	done
	DISPLAY=$DISP xdpyinfo >/dev/null 2>&1 || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; } >&2
	# display exits with status 1 even when it has set the background.
	DISPLAY=$DISP display -window root "$work/wallpaper.png" || true

	echo "== [$name] Xvfb $DISP $* -screen 0 1920x1080x24"
	(cd app/capture && CAPTURE_BENCH_DISPLAY=$DISP "$work/capture.test" -test.run '^$' \
		-test.bench 'DesktopGrabEncode' -test.benchtime "${N}x") 2>/dev/null >"$work/bench.txt" ||
		{ cat "$work/bench.txt"; exit 1; } >&2
	grep '^Benchmark' "$work/bench.txt"
	local ours ours_kib theirs theirs_kib
	ours=$(metric median-ms "$work/bench.txt")
	ours_kib=$(metric png-KiB "$work/bench.txt")

	for _ in $(seq "$N"); do
		start=$(date +%s%N)
		DISPLAY=$DISP import -window root "$work/x.png"
		end=$(date +%s%N)
		echo $(((end - start) / 1000))
	done | median >"$work/import.txt"
	theirs=$(awk '{ printf "%.1f", $1 / 1000 }' "$work/import.txt")
	theirs_kib=$(stat -c %s "$work/x.png" | awk '{ printf "%.1f", $1 / 1024 }')

	# End to end as a user runs it: a process that opens the dossier,
	# grabs, encodes and stores the PNG as evidence (fsync included).
	rm -f "$work/d.segur"
	LANG=fr_FR.UTF-8 "$work/dossier-segur" new "$work/d.segur" --name B --vendor B --product B --version 1 >/dev/null 2>&1
	for _ in $(seq "$N"); do
		start=$(date +%s%N)
		DISPLAY=$DISP LANG=fr_FR.UTF-8 "$work/dossier-segur" capture "$work/d.segur" --req INS.01 --display 0 >/dev/null 2>&1
		end=$(date +%s%N)
		echo $(((end - start) / 1000))
	done | median >"$work/cli.txt"
	cli=$(awk '{ printf "%.1f", $1 / 1000 }' "$work/cli.txt")
	stop_xvfb
	echo "[$name] CLI capture → evidence in the dossier (whole process), median of $N: ${cli} ms"
	awk -v a="$cli" -v b="$theirs" -v n="$name" 'BEGIN { printf "[%s] ratio CLI capture / import = %.2f\n", n, a / b }'

	echo "[$name] capture→stored median of $N: app/capture ${ours} ms (${ours_kib} KiB), import -window root ${theirs} ms (${theirs_kib} KiB)"
	awk -v a="$ours" -v b="$theirs" -v n="$name" 'BEGIN { printf "[%s] ratio app/capture / import = %.2f (target: app/capture median <= 250 ms)\n", n, a / b }'
}

run_config bare
run_config noreset -noreset

echo "== PNG levels on a 1080p screenshot-like image (no display needed)"
(cd app/capture && "$work/capture.test" -test.run '^$' -test.bench 'EncodeLevels|ApplyAndEncode' -test.benchtime "${N}x") | grep '^Benchmark'
