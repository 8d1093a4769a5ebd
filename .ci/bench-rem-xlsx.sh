#!/bin/sh
# Times the real CLI's `import-rem` dry run on the ANS's 3 MB multi-REM
# workbook (../shared/segur/real/, target <= 1.5 s and <= 150 MiB peak RSS)
# and on a generated 250-requirement published REM (target <= 0.5 s), and
# the hostile workbooks of issue 13 (target <= 5 s, <= 300 MiB each), with
# /usr/bin/time (wall and CPU time: on a loaded machine, CPU time is the
# figure that compares); baseline in the same run: openpyxl (read-only) reading
# the same workbook, when python3-openpyxl is installed.
# Usage: .ci/bench-rem-xlsx.sh [runs]   (default 5 runs of each; BIN=path to reuse a binary)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
real=../shared/segur/real/ALL_REMs_va2_prepub_with_scenarios__import_gsheet_sans_modele.xlsx
[ -f "$real" ] || { echo "$real is missing" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (package time) is required" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${BIN:-}" ]; then cp "$BIN" "$tmp/dossier-segur"; else go build -o "$tmp/dossier-segur" .; fi
go build -o "$tmp/remtool" ./app/rem/internal/remtool
"$tmp/remtool" gen-xlsx "$tmp/rem250.xlsx"
"$tmp/remtool" gen-hostile-xlsx "$tmp"
export LANG=C.UTF-8 XDG_CONFIG_HOME="$tmp/cfg" XDG_CACHE_HOME="$tmp/cache"
"$tmp/dossier-segur" new "$tmp/d.segur" --name Essai --vendor V --product P --version 1 >/dev/null

# median wall seconds and max peak RSS (KiB) of $runs runs of a command
measure() {
	label=$1
	shift
	i=0
	: >"$tmp/times"
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f "%e %M %U %S" -o "$tmp/one" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$tmp/one" >>"$tmp/times" # after "Command exited with non-zero status"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk -v l="$label" '{ t[NR] = $1; c[NR] = $3 + $4; if ($2 > m) m = $2 } END {
		printf "%-44s median %6.2f s (CPU %5.2f s)   peak RSS %6.1f MiB\n", l, t[int((NR + 1) / 2)], c[int((NR + 1) / 2)], m / 1024 }'
}

measure "import-rem, 3 MB multi-REM (RIS)" "$tmp/dossier-segur" import-rem "$tmp/d.segur" "$real" --perimetre RIS
measure "import-rem, 3 MB multi-REM (no choice)" "$tmp/dossier-segur" import-rem "$tmp/d.segur" "$real"
measure "import-rem, 250-requirement XLSX" "$tmp/dossier-segur" import-rem "$tmp/d.segur" "$tmp/rem250.xlsx"
measure "dossier-segur profiles (process floor)" "$tmp/dossier-segur" profiles
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	measure "baseline: openpyxl reads the 3 MB workbook" /usr/bin/python3 -c "
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True): pass" "$real"
fi
for f in "$tmp"/hostile-*.xlsx; do
	measure "hostile: $(basename "$f")" "$tmp/dossier-segur" import-rem "$tmp/d.segur" "$f"
done
left=$(find "${TMPDIR:-/tmp}" -maxdepth 1 \( -name 'excelize-*' -o -name 'dossier-segur-rem-*' \) -newer "$tmp/d.segur" 2>/dev/null | wc -l)
echo "temporary files left behind: $left"
