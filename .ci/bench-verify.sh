#!/usr/bin/env bash
# Memory and CPU of `verify` on a package of many small proofs, and of the
# export's PDF report on many screenshots, with a baseline binary run in
# turn in the same run.
#   BIN=… VS=… bash .ci/bench-verify.sh
# BIN: the binary measured (default: built from this checkout); VS: the
# baseline (required: e.g. a build of the commit before). N small proofs
# (default 20,000, 20 `attach` calls) exported as a draft, then `verify`
# RUNS times (default 5) by each binary in turn; IMAGES distinct screenshots
# (default 2,000, 100 per requirement) exported as a draft by each in turn.
# Prints medians of peak RSS and CPU (user + system) and their ratios, and
# the load average. Needs GNU time, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/lib/bench.sh
n=${N:-20000} images=${IMAGES:-2000} runs=${RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-verify.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=$(bench_binary "$work")
vs=${VS:?VS= the baseline binary}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
mkdir -p "$HOME" "$work/logs" "$work/img"
python3 - "$work" "$n" "$images" <<'PY'
import os, struct, sys, zlib
work, n, images = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    with open(f"{work}/logs/log-{i:05d}.txt", "w") as f:
        f.write(f"2026-11-30T10:00:00Z preuve {i} INS contrôle ok {os.urandom(16).hex()}\n")
w, h = 320, 200
base = bytes((x * 7 + y) & 255 for y in range(4) for x in range(w * 3 + 1024))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
for i in range(images):
    rows = b"".join(b"\0" + base[(i * 31 + y * 5) % 1024:][:w * 3 - 48] + os.urandom(48) for y in range(h))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")
    open(f"{work}/img/ecran-{i:05d}.png", "wb").write(png)
PY
# build BINARY DOSSIER DIR PER: a dossier holding DIR's files, PER a
# requirement, made by BINARY (a newer schema is not for the baseline).
build() {
	local b=$1
	shift
	"$b" new "$1" --name Bench --vendor Éditeur --product RIS --version 1 >/dev/null
	local ids i=0 files
	mapfile -t ids < <("$b" catalogue | awk '$1 ~ /^RIS\./ { print $1 }')
	mapfile -t files < <(ls -d "$2"/*)
	while (( i * $3 < ${#files[@]} )); do
		"$b" attach "$1" --req "${ids[$i]}" "${files[@]:$((i * $3)):$3}" >/dev/null 2>&1 </dev/null || { echo "attach failed" >&2; exit 1; }
		i=$((i + 1))
	done
}
# measure NAME CMD…: runs CMD under GNU time, appends "rss cpu" to NAME.
measure() {
	local name=$1
	shift
	/usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
	echo "$(rss_mib "$work/time.txt") $(cpu_s "$work/time.txt")" >>"$work/$name.txt"
}
report() {
	local a b
	a=$(cut -d' ' -f1 "$work/$1.txt" | median) b=$(cut -d' ' -f1 "$work/$2.txt" | median)
	local ca cb
	ca=$(cut -d' ' -f2 "$work/$1.txt" | median) cb=$(cut -d' ' -f2 "$work/$2.txt" | median)
	echo "$3: peak RSS $a MiB vs $b MiB ($(ratio "$a" "$b")×), CPU $ca s vs $cb s ($(ratio "$ca" "$cb")×)"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$work"
build "$bin" small.segur logs $((n / 20))
"$bin" export small.segur --out small.zip --draft >/dev/null 2>&1
for _ in $(seq "$runs"); do
	measure verify-new "$bin" verify small.zip
	measure verify-vs "$vs" verify small.zip
done
report verify-new verify-vs "verify of $n small proofs ($(stat -c %s small.zip) bytes), median of $runs"
rm -rf logs
build "$bin" img-new.segur img 100
build "$vs" img-vs.segur img 100
for _ in $(seq "$((runs < 3 ? runs : 3))"); do
	measure export-new "$bin" export img-new.segur --out img-new.zip --draft
	measure export-vs "$vs" export img-vs.segur --out img-vs.zip --draft
done
report export-new export-vs "export --draft of $images screenshots (report: $(unzip -l img-new.zip rapport.pdf | awk 'NR==4 {print $1}') vs $(unzip -l img-vs.zip rapport.pdf | awk 'NR==4 {print $1}') bytes)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
