#!/bin/sh
# Times the REM PDF import against poppler's pdftotext on the same generated
# 60-page REM table, in the same run, and prints the ratio (target ≤ 2×).
# Also times the import of a 250-requirement XLSX (target ≤ 0.5 s).
# Usage: .ci/bench-rem.sh [runs]   (default 20 runs of each)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-20}
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is required" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/remtool" ./app/rem/internal/remtool
"$tmp/remtool" gen-pdf "$tmp/rem60.pdf"
"$tmp/remtool" gen-xlsx "$tmp/rem250.xlsx"

# Wall time in nanoseconds of a command run $runs times (once to warm up).
timed() {
	"$@" >/dev/null
	start=$(date +%s%N)
	i=0
	while [ "$i" -lt "$runs" ]; do "$@" >/dev/null; i=$((i + 1)); done
	echo $(( $(date +%s%N) - start ))
}

base=$(timed pdftotext "$tmp/rem60.pdf" "$tmp/out.txt")
ours=$(timed "$tmp/remtool" import "$tmp/rem60.pdf")
xlsx=$(timed "$tmp/remtool" import "$tmp/rem250.xlsx")
"$tmp/remtool" import "$tmp/rem60.pdf"
"$tmp/remtool" import "$tmp/rem250.xlsx"
awk -v b="$base" -v o="$ours" -v x="$xlsx" -v n="$runs" 'BEGIN {
	printf "pdftotext, 60 pages:     %8.1f ms per run (%d runs)\n", b / n / 1e6, n
	printf "rem import, 60 pages:    %8.1f ms per run\n", o / n / 1e6
	printf "ratio import/pdftotext:  %8.2fx (target <= 2x)\n", o / b
	printf "rem import, 250-req XLSX:%8.1f ms per run (target <= 500 ms)\n", x / n / 1e6
}'
