# scale-export.sh: ONLY=export of .ci/bench-scale.sh (sourced, not run):
# the build, then the export alone against its honest baseline, in one
# run, every step starting with its files out of the page cache (as a
# dossier larger than the memory would be; uncache, lib/scale.sh).
# Uses the caller's $bin, $work, $ROUNDS, $OLD_BIN and its helpers.

# export_only N GIB: one point.
#   1. generate the files; cp -r + sync of them (the baseline); delete the
#      copy;
#   2. build the dossier from them (timed); delete the files;
#   3. ROUNDS rounds of: export --draft + sync with this build and, when
#      OLD_BIN is set, with that binary, on the same dossier in turn (the
#      order alternating from round to round), each followed by the
#      deletion of its package; then cp + sync of the dossier file (a
#      second baseline, at the round's load);
#   4. medians, ratios, and the dossier deleted.
# At most about twice the point's bytes on the disk at any moment (the
# files and their copy, the files and the dossier, the dossier and a
# package or its copy): 20 GiB never meets two other 20 GiB copies.
export_only() {
	local n=$1 gib=$2 src="$work/src-$1" d="$work/d-$1.segur" t0 s r b label labels src_bytes d_bytes cp_s copy_s build_s
	make_files "$n" "$gib" "$src"
	time_cp_r "$src"
	echo "  cp -r + sync of the files: $cp_s s; load $(load)"
	make_dossier "$src" "$d" || return 1

	labels=new
	[ -z "$OLD_BIN" ] || labels="old new"
	reset export-new export-old
	: >"$work/export-new.sync"
	: >"$work/export-old.sync"
	: >"$work/dcp.sync"
	for r in $(seq "$ROUNDS"); do
		# Alternate who goes first: a drift in the load then weighs on both.
		[ $((r % 2)) = 1 ] || labels=$(echo "$labels" | awk '{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? " " : "\n") }')
		for label in $labels; do
			b=$bin
			[ "$label" = new ] || b=$OLD_BIN
			phase "export ($label)" "$d_bytes"
			uncache "$d"
			t0=$(now)
			run "export-$label" "$b" export "$d" --out "$work/paquet.zip" --draft && sync || return 1
			s=$(secs "$t0" "$(now)")
			echo "$s" >>"$work/export-$label.sync"
			echo "  round $r, export ($label): $s s with sync (CPU $(tail -1 "$work/export-$label.cpu") s), peak RSS $(tail -1 "$work/export-$label.rss") MiB; package $(stat -c %s "$work/paquet.zip") bytes; load $(load)"
			rm -f "$work/paquet.zip"
			sync
		done
		time_cp_dossier "$d"
		echo "$copy_s" >>"$work/dcp.sync"
		echo "  round $r, cp + sync of the dossier file: $copy_s s; load $(load)"
	done
	rm -f "$d"
	sync
	for label in $labels; do
		s=$(median <"$work/export-$label.sync")
		echo "  export ($label), median of $ROUNDS: $s s with sync (CPU $(med "export-$label" cpu) s), peak RSS $(maxrss "export-$label") MiB: ×$(ratio "$s" "$cp_s") cp -r + sync of the files ($cp_s s), ×$(ratio "$s" "$(median <"$work/dcp.sync")") cp + sync of the dossier ($(median <"$work/dcp.sync") s)"
	done
	if [ -n "$OLD_BIN" ]; then
		echo "  new / old: ×$(ratio "$(median <"$work/export-new.sync")" "$(median <"$work/export-old.sync")") wall, ×$(ratio "$(med export-new cpu)" "$(med export-old cpu)") CPU"
	fi
}
