# bench.sh: helpers the benchmark scripts source (timing, medians,
# ratios, peak RSS from /usr/bin/time -v).
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
maxof() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b) ? a : b }'; }
# bench_binary DIR: the binary to measure: $BIN when set, else one built
# from this checkout into DIR with the release builds' no_emoji tag.
bench_binary() {
	if [ -n "${BIN:-}" ]; then
		echo "$BIN"
	else
		go build -tags no_emoji -o "$1/dossier-segur" . && echo "$1/dossier-segur"
	fi
}
# timed NAME CMD…: runs CMD, appends its wall time to $work/NAME.txt.
timed() {
	local name=$1
	shift
	local t0 t1
	t0=$(now)
	"$@"
	t1=$(now)
	secs "$t0" "$t1" >>"$work/$name.txt"
}
