#!/usr/bin/env bash
# bench-export.sh: `dossier-segur export` of a dossier with 117 requirements
# holding ~1 GiB of evidence, against `zip -0 -r` of the same files already
# on disk, measured in the same run.
#
#   1. builds the binary (tag ci: the CLI path is the same, no cgo/GLFW);
#   2. creates a dossier with every profile (117 applicable requirements);
#   3. writes, per requirement, a random "video" (MP4 header + random bytes,
#      stored), a random "screenshot" (PNG signature + random bytes, stored,
#      not decodable so no thumbnail work) and a 64 KiB text log (deflated),
#      ~SIZE_MIB in all, and attaches them with `dossier-segur attach`;
#   4. ROUNDS times (default 2), alternately: times
#      `dossier-segur export --draft` under /usr/bin/time -v (wall time and
#      peak RSS), then `zip -0 -r -q` of the same files; keeps the best wall
#      time of each;
#   5. prints both times, the ratio (target <= 1.25) and the export's peak
#      RSS (target <= 100 MiB), then checks the package with `verify`.
# Both sides read warm page cache (the files and the dossier were just
# written). --draft because random bytes named .mp4 are fine for the
# figure but the run does not bother marking requirements Prête.
# Usage: .ci/bench-export.sh   (SIZE_MIB, ROUNDS may be overridden)
set -euo pipefail

SIZE_MIB=${SIZE_MIB:-1024}
ROUNDS=${ROUNDS:-2}
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/bench-export.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
bin="$work/dossier-segur"
go build -tags ci -o "$bin" . || { echo "build failed" >&2; exit 1; }
"$bin" help | grep -q '^  attach' || { echo "this build has no 'attach' command" >&2; exit 1; }

dossier="$work/bench.segur"
export LANG=${LANG:-C.UTF-8}
"$bin" new "$dossier" --name bench --vendor "Éditeur" --product "RIS" --version 1 \
	--profile "Référentiel" --profile "Envoi" --profile "Opérateur" --profile "Authentification" --profile "Stockage" >/dev/null
mapfile -t reqs < <("$bin" catalogue --json | python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)["requirements"]]')
n=${#reqs[@]}
per=$(( SIZE_MIB * 1024 * 1024 / n ))
shot=$(( 512 * 1024 ))
log=$(( 64 * 1024 ))
video=$(( per - shot - log ))
if [ "$video" -lt 4096 ]; then
	echo "SIZE_MIB=$SIZE_MIB is too small for $n requirements (minimum $(( (shot + log + 4096) * n / 1048576 + 1 )))" >&2
	exit 1
fi
need=$(( SIZE_MIB * 4 + 512 ))
avail=$(df -Pm "$work" | awk 'NR == 2 { print $4 }')
if [ "$avail" -lt "$need" ]; then
	echo "not enough disk space in $work: $avail MiB free, $need MiB needed" >&2
	exit 1
fi
echo "requirements: $n, per requirement: video $video B, screenshot $shot B, log $log B"

files="$work/files"
printf '%s\n' "${reqs[@]}" | python3 -c '
import os, sys
files, video, shot, log = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for r in sys.stdin.read().split():
    d = os.path.join(files, r)
    os.makedirs(d)
    with open(os.path.join(d, "demo.mp4"), "wb") as f:
        f.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
        left = video - 24
        while left > 0:
            n = min(left, 1 << 20)
            f.write(os.urandom(n))
            left -= n
    with open(os.path.join(d, "ecran.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + os.urandom(shot - 8))
    line = ("2026-01-01T10:00:00Z INSi appel rechercherInsAvecTraitsIdentite OK %s\n" % r).encode()
    with open(os.path.join(d, "trace.log"), "wb") as f:
        f.write((line * (log // len(line) + 1))[:log])
' "$files" "$video" "$shot" "$log"
for r in "${reqs[@]}"; do
	d="$files/$r"
	"$bin" attach "$dossier" --req "$r" "$d/demo.mp4" "$d/ecran.png" "$d/trace.log" >/dev/null 2>"$work/attach.err" \
		|| { cat "$work/attach.err" >&2; exit 1; }
done
echo "evidence on disk: $(du -sm "$files" | cut -f1) MiB; dossier file: $(du -sm "$dossier" | cut -f1) MiB"

best_export=
best_zip=
rss=0
for i in $(seq "$ROUNDS"); do
	rm -f "$work/paquet.zip" "$work/base.zip"
	/usr/bin/time -v -o "$work/time.txt" "$bin" export "$dossier" --out "$work/paquet.zip" --draft >/dev/null 2>"$work/export.err" \
		|| { cat "$work/export.err" >&2; exit 1; }
	t=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s }' "$work/time.txt")
	r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
	start=$(date +%s.%N)
	(cd "$files" && zip -0 -r -q "$work/base.zip" .)
	z=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.3f", $1 - $2 }')
	echo "round $i: export ${t}s (peak RSS $(( r / 1024 )) MiB), zip -0 -r ${z}s"
	best_export=$(echo "$t" "${best_export:-$t}" | awk '{ print ($1 < $2) ? $1 : $2 }')
	best_zip=$(echo "$z" "${best_zip:-$z}" | awk '{ print ($1 < $2) ? $1 : $2 }')
	rss=$(( r > rss ? r : rss ))
done

echo
echo "package: $(du -m "$work/paquet.zip" | cut -f1) MiB; zip -0: $(du -m "$work/base.zip" | cut -f1) MiB"
awk -v e="$best_export" -v z="$best_zip" -v r="$rss" 'BEGIN {
	printf "export (best of runs): %.2f s\nzip -0 -r (best):      %.2f s\nratio export / zip -0: %.2fx (target <= 1.25x)\n", e, z, e / z
	printf "export peak RSS:       %.1f MiB (target <= 100 MiB)\n", r / 1024
}'
"$bin" verify "$work/paquet.zip" | tail -1
