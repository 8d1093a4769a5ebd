#!/usr/bin/env bash
# bench-record.sh: screen recording (`record`) of a 1920x1080 Xvfb display
# at 10 frames a second, against ffmpeg's own screen recorder (x11grab,
# Motion-JPEG AVI, the same format and rate) in the same run when ffmpeg
# is installed.
#
# The display shows a busy picture (a fractal wallpaper) and xeyes
# following a pointer that moves every 50 ms, so that every frame differs
# from the one before (no frame is spared an encoding).
# For each of N runs (alternating with the baseline):
#   - record FILE --req … --seconds S --fps 10 --format avi, under
#     /usr/bin/time -v: CPU cores = (user + sys) / wall, peak RSS;
#   - the stored video is extracted and its frames are counted in the file
#     (the 00dc chunks of its movi list); delivered fps = frames / S;
#     "lues à l'écran" (frames read from the screen, the others repeating
#     a late one) comes from the command's own summary;
#   - then, with ffmpeg: ffmpeg -f x11grab -framerate 10 -t S … mjpeg,
#     the same figures.
# Prints per-run lines and the medians, and the ratios ours/ffmpeg.
# Usage: .ci/bench-record.sh   (N, SECONDS_REC and DISPLAY_NUM may be set)
set -euo pipefail

N=${N:-3}
SECONDS_REC=${SECONDS_REC:-60}
DISPLAY_NUM=${DISPLAY_NUM:-95}
DISP=":$DISPLAY_NUM"
cd "$(dirname "$0")/.."
. .ci/lib/bench.sh

work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

bin=$(bench_binary "$work")
if [ -e "/tmp/.X${DISPLAY_NUM}-lock" ]; then
	echo "display $DISP is already in use; set DISPLAY_NUM" >&2
	exit 1
fi
Xvfb "$DISP" -noreset -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do DISPLAY=$DISP xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=$DISP
convert -size 1920x1080 plasma:fractal "$work/wall.png"
display -window root "$work/wall.png" || true
xeyes -geometry 800x600+500+200 &
pids+=($!)
(
	i=0
	while true; do
		xdotool mousemove $((960 + 700 * (i % 40 - 20) / 20)) $((540 + 300 * ((i / 40) % 2 * 2 - 1))) 2>/dev/null || true
		i=$((i + 1))
		sleep 0.05
	done
) &
pids+=($!)

# frames FILE: the number of frame chunks in an AVI's movi list.
frames() {
	python3 - "$1" <<'PY'
import struct, sys
f = open(sys.argv[1], 'rb')
assert f.read(4) == b'RIFF'; f.read(4); assert f.read(4) == b'AVI '
n = 0
def walk(end):
    global n
    while f.tell() + 8 <= end:
        cid, size = struct.unpack('<4sI', f.read(8))
        if cid == b'LIST':
            kind = f.read(4)
            if kind in (b'movi', b'rec '):
                walk(f.tell() + size - 4)
                continue
            f.seek(size - 4 + size % 2, 1)
        else:
            if cid[2:] in (b'dc', b'db'):
                n += 1
            f.seek(size + size % 2, 1)
import os
walk(os.fstat(f.fileno()).st_size)
print(n)
PY
}
cores() { awk -v u="$1" -v s="$2" -v w="$3" 'BEGIN { printf "%.2f", (u + s) / w }'; }
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
field() { awk -F': ' -v k="$1" '$0 ~ k { print $2 }' "$2"; }

"$bin" new "$work/d.segur" --name bench --vendor V --product P --version 1 >/dev/null
req=$("$bin" catalogue | awk 'NR > 4 && $1 ~ /\./ && !found { print $1; found = 1 }')
have_ffmpeg=$(command -v ffmpeg || true)
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); ${SECONDS_REC} s at 10 fps, 1920x1080, N=$N"
for run in $(seq "$N"); do
	/usr/bin/time -v "$bin" record "$work/d.segur" --req "$req" --seconds "$SECONDS_REC" --fps 10 --format avi \
		>"$work/out.txt" 2>"$work/time.txt"
	id=$(sed -n 's/^Preuve \([0-9]*\) .*/\1/p' "$work/out.txt")
	"$bin" extract "$work/d.segur" --evidence "$id" --out "$work/v$run.avi" >/dev/null
	n=$(frames "$work/v$run.avi")
	grabbed=$(sed -n "s/.*(\([0-9  ]*\) lues à l'écran).*/\1/p" "$work/time.txt" | tr -d '  ')
	w=$(wall_s "$work/time.txt")
	c=$(cores "$(field 'User time' "$work/time.txt")" "$(field 'System time' "$work/time.txt")" "$w")
	r=$(rss_mib "$work/time.txt")
	fps=$(awk -v n="$n" -v s="$SECONDS_REC" 'BEGIN { printf "%.2f", n / s }')
	gfps=$(awk -v n="$grabbed" -v s="$SECONDS_REC" 'BEGIN { printf "%.2f", n / s }')
	echo "ours   run $run: $n frames in the file ($fps fps; $grabbed read from the screen, $gfps fps), cpu $c cores, rss $r MiB, wall $w s"
	echo "$fps $gfps $c $r" >>"$work/ours.txt"
	if [ -n "$have_ffmpeg" ]; then
		/usr/bin/time -v ffmpeg -hide_banner -loglevel error -y -f x11grab -framerate 10 -video_size 1920x1080 \
			-i "$DISP" -t "$SECONDS_REC" -c:v mjpeg -q:v 5 "$work/ff$run.avi" 2>"$work/time.txt"
		n=$(frames "$work/ff$run.avi")
		w=$(wall_s "$work/time.txt")
		c=$(cores "$(field 'User time' "$work/time.txt")" "$(field 'System time' "$work/time.txt")" "$w")
		r=$(rss_mib "$work/time.txt")
		fps=$(awk -v n="$n" -v s="$SECONDS_REC" 'BEGIN { printf "%.2f", n / s }')
		echo "ffmpeg run $run: $n frames in the file ($fps fps), cpu $c cores, rss $r MiB, wall $w s"
		echo "$fps $c $r" >>"$work/ff.txt"
	fi
done
med() { awk -v k="$1" '{ print $k }' "$2" | median; }
echo "median ours:   $(med 1 "$work/ours.txt") fps in the file, $(med 2 "$work/ours.txt") fps read, $(med 3 "$work/ours.txt") cores, $(med 4 "$work/ours.txt") MiB"
if [ -s "$work/ff.txt" ]; then
	echo "median ffmpeg: $(med 1 "$work/ff.txt") fps in the file, $(med 2 "$work/ff.txt") cores, $(med 3 "$work/ff.txt") MiB"
	echo "ratio ours/ffmpeg: cpu $(ratio "$(med 3 "$work/ours.txt")" "$(med 2 "$work/ff.txt")"), rss $(ratio "$(med 4 "$work/ours.txt")" "$(med 3 "$work/ff.txt")")"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
