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
# cpu_s FILE: user + system CPU seconds from /usr/bin/time -v's report.
cpu_s() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f\n", s }' "$1"; }
# proc_cpu PID: the CPU seconds (user + system, all threads) PID has used.
proc_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); split($0, f, " "); printf "%.2f\n", (f[12] + f[13]) / hz }' "/proc/$1/stat"
}
# xvfb_start N: starts Xvfb :N at 1456×948 (a 1440×900 window) (its PID in $xvfb) and exports
# DISPLAY; fails when that Xvfb ends (display already in use) or does not
# answer within 30 s. -noreset: by default the server resets when its last
# client leaves, and a program started during the reset cannot connect
# ("Failed to open display"), as happened between two GUI runs.
xvfb_start() {
	# A second server on a display in use exits, and may take the first
	# one's socket with it: ask first.
	if [ -e "/tmp/.X$1-lock" ] || DISPLAY=":$1" xdpyinfo >/dev/null 2>&1; then
		echo "display :$1 is in use" >&2
		xvfb=""
		return 1
	fi
	# 1456×948: the application's 1440×900 window with the room it leaves
	# for a window manager's frame (fitSize), so that it opens at 1440×900.
	Xvfb ":$1" -screen 0 1456x948x24 -nolisten tcp -noreset >/dev/null 2>&1 &
	xvfb=$!
	export DISPLAY=":$1"
	for _ in $(seq 300); do
		kill -0 "$xvfb" 2>/dev/null || break
		xdpyinfo >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "Xvfb :$1 did not start (display in use?)" >&2
	xvfb=""
	return 1
}
# gui_window PID [PATTERN]: prints the id of PID's window once its title
# matches PATTERN, by default once it names the dossier ("Dossier Ségur —
# name"); fails if PID ends first or after 180 s.
# xdotool's --name cannot be trusted with that title: it matches against
# the name converted to the locale's charset, which fails on "é" and "—"
# in the C locale.
gui_window() {
	local win pattern=${2:-'* — *'}
	for _ in $(seq 3600); do
		win=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | head -1 || true)
		if [ -n "$win" ] && [[ "$(xdotool getwindowname "$win" 2>/dev/null)" == $pattern ]]; then
			echo "$win"
			return 0
		fi
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}
